// Counts what the load generator saw: every webhook's latency (only inside measurement
// windows), per route, HTTP statuses, bytes, and errors by kind (always, warm-up and drain
// too). One recorder can span several runs (slices of a phase): windows and CPU add up.
import { latency, type Latency } from "./run-phase.ts";

export interface RouteStats extends Latency {
  route: string;
  requests: number;
  meanMs: number;
}

export interface LoadResult {
  /** Seconds of the measurement window. */
  windowSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: Latency & { meanMs: number };
  routes: RouteStats[];
  statuses: Record<string, number>;
  errors: number;
  errorsByKind: Record<string, number>;
  errorSamples: string[];
  callsStarted: number;
  callsCompleted: number;
  callsFailed: number;
  /** Calls that heard "Ihre Termine sind gebucht": inside the window, and over the whole phase. */
  bookingsInWindow: number;
  bookingsTotal: number;
  requestsPerCall: number;
  meanRequestBodyBytes: number;
  meanResponseBodyBytes: number;
  /** CPU of the load generator process during the whole phase (ms), and per counted request. */
  clientCpuMs: number;
  clientCpuMsPerRequest: number;
  /** Arrivals the open loop did not start because too many calls were already in progress. */
  shedCalls: number;
  maxCallsInProgress: number;
  keepAliveRetries: number;
  drainSeconds: number;
}

const OK_STATUS = new Set([200, 204]);

export class LoadRecorder {
  active = false;
  private samples: number[] = [];
  private readonly routes = new Map<string, number[]>();
  private readonly statuses = new Map<number, number>();
  private readonly errorKinds = new Map<string, number>();
  private readonly samplesOfErrors: string[] = [];
  private requestsAll = 0;
  private bytesOut = 0;
  private bytesIn = 0;
  callsStarted = 0;
  callsCompleted = 0;
  callsFailed = 0;
  bookingsInWindow = 0;
  bookingsTotal = 0;
  shedCalls = 0;
  maxCallsInProgress = 0;
  /** Requests sent again after the server closed a reused keep-alive socket under them. */
  keepAliveRetries = 0;
  private windowMs = 0;
  private clientCpuMs = 0;
  private drainSeconds = 0;

  /** Adds one run's measurement window, load-generator CPU and drain time. */
  addRun(windowMs: number, clientCpuMs: number, drainSeconds: number): void {
    this.windowMs += windowMs;
    this.clientCpuMs += clientCpuMs;
    this.drainSeconds = Math.max(this.drainSeconds, drainSeconds);
  }

  /** One finished HTTP exchange. `route` is the path without query string. */
  request(route: string, ms: number, status: number, sentBytes: number, receivedBytes: number): void {
    this.requestsAll++;
    this.bytesOut += sentBytes;
    this.bytesIn += receivedBytes;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (!OK_STATUS.has(status)) this.error(`http_${status}`, `${route} answered HTTP ${status}`);
    if (!this.active) return;
    this.samples.push(ms);
    let list = this.routes.get(route);
    if (!list) this.routes.set(route, (list = []));
    list.push(ms);
  }

  booking(): void {
    this.bookingsTotal++;
    if (this.active) this.bookingsInWindow++;
  }

  error(kind: string, message: string): void {
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    if (this.samplesOfErrors.length < 8) this.samplesOfErrors.push(`${kind}: ${message.slice(0, 400)}`);
  }

  result(): LoadResult {
    const windowSeconds = this.windowMs / 1000;
    const clientCpuMs = this.clientCpuMs;
    const drainSeconds = this.drainSeconds;
    const requests = this.samples.length;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const routes = [...this.routes].map(([route, ms]) => ({
      route,
      requests: ms.length,
      meanMs: r2(mean(ms)),
      ...latency(ms),
    }));
    routes.sort((a, b) => b.meanMs * b.requests - a.meanMs * a.requests);
    const errors = [...this.errorKinds.values()].reduce((a, b) => a + b, 0);
    return {
      windowSeconds: r2(windowSeconds),
      requests,
      requestsPerSecond: Math.round((requests / windowSeconds) * 10) / 10,
      latency: { ...latency(this.samples), meanMs: r2(mean(this.samples)) },
      routes,
      statuses: Object.fromEntries([...this.statuses].map(([s, n]) => [String(s), n])),
      errors,
      errorsByKind: Object.fromEntries(this.errorKinds),
      errorSamples: [...this.samplesOfErrors],
      callsStarted: this.callsStarted,
      callsCompleted: this.callsCompleted,
      callsFailed: this.callsFailed,
      bookingsInWindow: this.bookingsInWindow,
      bookingsTotal: this.bookingsTotal,
      requestsPerCall: r2(this.requestsAll / Math.max(1, this.callsCompleted + this.callsFailed)),
      meanRequestBodyBytes: Math.round(this.bytesOut / Math.max(1, this.requestsAll)),
      meanResponseBodyBytes: Math.round(this.bytesIn / Math.max(1, this.requestsAll)),
      clientCpuMs: Math.round(clientCpuMs),
      clientCpuMsPerRequest: Math.round((clientCpuMs / Math.max(1, this.requestsAll)) * 1000) / 1000,
      shedCalls: this.shedCalls,
      maxCallsInProgress: this.maxCallsInProgress,
      keepAliveRetries: this.keepAliveRetries,
      drainSeconds: r2(drainSeconds),
    };
  }
}
