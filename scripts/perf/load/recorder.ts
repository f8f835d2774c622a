// Counts what a load generator saw: webhook latencies and requests per second (only while
// `active`, the measurement window), HTTP statuses and errors by kind (always).
import { latency, round } from "../harness/stats.ts";

export class LoadRecorder {
  active = false;
  private readonly samples: number[] = [];
  private readonly statuses = new Map<number, number>();
  private readonly errorKinds = new Map<string, number>();
  private readonly errorSamples: string[] = [];
  private readonly t0 = Date.now();
  /** Requests per second since the recorder was made (bench:launch's steady state). */
  readonly perSecond: number[] = [];
  private requestsAll = 0;
  private windowMs = 0;
  callsCompleted = 0;
  callsFailed = 0;
  bookingsTotal = 0;
  /** Open-loop arrivals not placed because too many calls were already in progress. */
  shedCalls = 0;
  /** Requests sent again after the server closed a reused keep-alive socket under them. */
  keepAliveRetries = 0;

  /** The measurement window's length (requests per second count over it). */
  addRun(windowMs: number): void {
    this.windowMs += windowMs;
  }

  /** One finished HTTP exchange; `route` is the path without query string. */
  request(route: string, ms: number, status: number): void {
    this.requestsAll++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status !== 200 && status !== 204) this.error(`http_${status}`, `${route} answered HTTP ${status}`);
    if (!this.active) return;
    this.samples.push(ms);
    const second = Math.floor((Date.now() - this.t0) / 1000);
    while (this.perSecond.length <= second) this.perSecond.push(0);
    this.perSecond[second]!++;
  }

  booking(): void {
    this.bookingsTotal++;
  }

  error(kind: string, message: string): void {
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    if (this.errorSamples.length < 8) this.errorSamples.push(`${kind}: ${message.slice(0, 400)}`);
  }

  result() {
    return {
      requests: this.samples.length,
      requestsPerSecond: round(this.samples.length / (this.windowMs / 1000), 1),
      latency: latency(this.samples),
      statuses: Object.fromEntries([...this.statuses].map(([s, n]) => [String(s), n])),
      errors: [...this.errorKinds.values()].reduce((a, b) => a + b, 0),
      errorsByKind: Object.fromEntries(this.errorKinds),
      errorSamples: [...this.errorSamples],
      bookingsTotal: this.bookingsTotal,
      requestsPerCall: round(this.requestsAll / Math.max(1, this.callsCompleted + this.callsFailed)),
      shedCalls: this.shedCalls,
      keepAliveRetries: this.keepAliveRetries,
    };
  }
}

export type LoadResult = ReturnType<LoadRecorder["result"]>;
