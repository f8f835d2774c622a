// HTTP metrics: a Prometheus histogram per route, and for the wallboard the last minute of
// voice webhooks (p95 latency, share answered with an apology or an error).
import type { RequestHandler } from "express";
import { Counter, Histogram, type Registry } from "prom-client";
import { methodLabel, routeLabel, type RouteLabel } from "./route-labels.ts";

const WINDOW_MS = 60_000;

/**
 * The last minute of voice webhooks, kept in one bucket per second: adding a sample is O(1)
 * and old seconds fall off whole. (A flat list filtered on every add cost O(requests per
 * minute) per webhook once the server had run a minute: 30,000 entries at 500 webhooks/s.)
 */
export class WebhookWindow {
  private readonly buckets: { second: number; ms: number[]; errors: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  add(ms: number, error: boolean): void {
    const second = Math.floor(this.now() / 1000);
    let last = this.buckets.at(-1);
    if (!last || last.second !== second) {
      last = { second, ms: [], errors: 0 };
      this.buckets.push(last);
      this.dropOlderThan(second);
    }
    last.ms.push(ms);
    if (error) last.errors++;
  }

  summary(): { requests: number; p95Ms: number | null; errorRate: number } {
    this.dropOlderThan(Math.floor(this.now() / 1000));
    const all = this.buckets.flatMap((b) => b.ms);
    if (all.length === 0) return { requests: 0, p95Ms: null, errorRate: 0 };
    const sorted = Float64Array.from(all).sort();
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    const errors = this.buckets.reduce((n, b) => n + b.errors, 0);
    return { requests: all.length, p95Ms: Math.round(p95 * 10) / 10, errorRate: errors / all.length };
  }

  private dropOlderThan(second: number): void {
    const oldest = second - WINDOW_MS / 1000 + 1;
    while (this.buckets.length > 0 && this.buckets[0]!.second < oldest) this.buckets.shift();
  }
}

type Histogram3 = Histogram<"route" | "method" | "status">;

/**
 * Records every answered request: a Prometheus histogram per route, method and status,
 * and voice webhooks also in the wallboard's window. The voice endpoint records its answers
 * itself (it answers before Express is reached); everything else goes through the middleware.
 */
export class HttpMetrics {
  private readonly duration: Histogram3;
  private readonly apologies: Counter;
  // One labelled child per route, method and status: observing through a child skips
  // hashing the label set on every request.
  private readonly children = new Map<string, ReturnType<Histogram3["labels"]>>();

  constructor(
    registry: Registry,
    private readonly webhooks: WebhookWindow,
  ) {
    this.duration = new Histogram({
      name: "hotline_http_request_duration_seconds",
      help: 'HTTP request duration by route (a fixed list; "other" for anything else), method and status',
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.apologies = new Counter({
      name: "hotline_voice_apologies_total",
      help: "Voice webhooks answered with an apology because something failed",
      registers: [registry],
    });
  }

  /** One answered request; `route`: see route-labels.ts. */
  record(route: RouteLabel, method: string, status: number, seconds: number): void {
    const key = `${route} ${method} ${status}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.duration.labels({ route, method, status: String(status) });
      this.children.set(key, child);
    }
    child.observe(seconds);
  }

  /**
   * One answered voice webhook whose signature was valid: also counted in the wallboard's
   * window. `apology`: the answer said sorry because something failed.
   */
  recordWebhook(route: RouteLabel, status: number, seconds: number, apology: boolean): void {
    this.record(route, "POST", status, seconds);
    if (apology) this.apologies.inc();
    this.webhooks.add(seconds * 1000, apology || status >= 500);
  }
}

export function requestMetrics(metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    const route = routeLabel(req.path, req.method);
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.record(route, methodLabel(req.method), res.statusCode, seconds);
    });
    next();
  };
}
