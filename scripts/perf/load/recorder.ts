// Counts what a load generator saw: webhook latencies per route and requests per second (only
// while `active`), HTTP statuses, bytes and errors by kind (always). One recorder can span several
// runs (slices of a bench:ivr phase): their windows and CPU add up.
import { latency, mean, round, type Latency } from "../harness/stats.ts";

export interface RouteStats extends Latency {
  route: string;
  requests: number;
  meanMs: number;
}

const OK_STATUS = new Set([200, 204]);

export class LoadRecorder {
  active = false;
  private readonly samples: number[] = [];
  private readonly routes = new Map<string, number[]>();
  private readonly statuses = new Map<number, number>();
  private readonly errorKinds = new Map<string, number>();
  private readonly errorSamples: string[] = [];
  private readonly t0 = Date.now();
  /** Requests per second since the recorder was made (bench:launch's steady state). */
  readonly perSecond: number[] = [];
  private requestsAll = 0;
  private bytesOut = 0;
  private bytesIn = 0;
  private windowMs = 0;
  private clientCpuMs = 0;
  private drainSeconds = 0;
  callsStarted = 0;
  callsCompleted = 0;
  callsFailed = 0;
  /** Calls that heard their booking confirmed: inside the window, and over the whole phase. */
  bookingsInWindow = 0;
  bookingsTotal = 0;
  /** Open-loop arrivals not placed because too many calls were already in progress. */
  shedCalls = 0;
  maxCallsInProgress = 0;
  /** Requests sent again after the server closed a reused keep-alive socket under them. */
  keepAliveRetries = 0;

  /** Adds one run's measurement window, load-generator CPU and drain time. */
  addRun(windowMs: number, clientCpuMs: number, drainSeconds: number): void {
    this.windowMs += windowMs;
    this.clientCpuMs += clientCpuMs;
    this.drainSeconds = Math.max(this.drainSeconds, drainSeconds);
  }

  /** One finished HTTP exchange; `route` is the path without query string. */
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
    const second = Math.floor((Date.now() - this.t0) / 1000);
    while (this.perSecond.length <= second) this.perSecond.push(0);
    this.perSecond[second]!++;
  }

  booking(): void {
    this.bookingsTotal++;
    if (this.active) this.bookingsInWindow++;
  }

  error(kind: string, message: string): void {
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    if (this.errorSamples.length < 8) this.errorSamples.push(`${kind}: ${message.slice(0, 400)}`);
  }

  result() {
    const windowSeconds = this.windowMs / 1000;
    const requests = this.samples.length;
    const perRequest = (x: number) => x / Math.max(1, this.requestsAll);
    const routes: RouteStats[] = [...this.routes].map(([route, ms]) => ({
      route,
      requests: ms.length,
      meanMs: round(mean(ms)),
      ...latency(ms),
    }));
    routes.sort((a, b) => b.meanMs * b.requests - a.meanMs * a.requests);
    return {
      windowSeconds: round(windowSeconds),
      requests,
      requestsPerSecond: round(requests / windowSeconds, 1),
      latency: { ...latency(this.samples), meanMs: round(mean(this.samples)) },
      routes,
      statuses: Object.fromEntries([...this.statuses].map(([s, n]) => [String(s), n])),
      errors: [...this.errorKinds.values()].reduce((a, b) => a + b, 0),
      errorsByKind: Object.fromEntries(this.errorKinds),
      errorSamples: [...this.errorSamples],
      callsStarted: this.callsStarted,
      callsCompleted: this.callsCompleted,
      callsFailed: this.callsFailed,
      bookingsInWindow: this.bookingsInWindow,
      bookingsTotal: this.bookingsTotal,
      requestsPerCall: round(this.requestsAll / Math.max(1, this.callsCompleted + this.callsFailed)),
      meanRequestBodyBytes: Math.round(perRequest(this.bytesOut)),
      meanResponseBodyBytes: Math.round(perRequest(this.bytesIn)),
      /** CPU of the load generator during the whole phase (ms), and per request. */
      clientCpuMs: Math.round(this.clientCpuMs),
      clientCpuMsPerRequest: round(perRequest(this.clientCpuMs), 3),
      shedCalls: this.shedCalls,
      maxCallsInProgress: this.maxCallsInProgress,
      keepAliveRetries: this.keepAliveRetries,
      drainSeconds: round(this.drainSeconds),
    };
  }
}

export type LoadResult = ReturnType<LoadRecorder["result"]>;
