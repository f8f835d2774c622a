// HTTP metrics: a Prometheus histogram per route, and for the wallboard the last minute of
// voice webhooks (p95 latency, share answered with an apology or an error).
import type { RequestHandler } from "express";
import { Counter, Histogram, type Registry } from "prom-client";

const WINDOW_MS = 60_000;

export class WebhookWindow {
  private samples: { at: number; ms: number; error: boolean }[] = [];

  add(ms: number, error: boolean): void {
    const now = Date.now();
    this.samples.push({ at: now, ms, error });
    if (this.samples.length > 50_000 || (this.samples[0] && this.samples[0].at < now - WINDOW_MS)) {
      this.samples = this.samples.filter((s) => s.at >= now - WINDOW_MS);
    }
  }

  summary(): { requests: number; p95Ms: number | null; errorRate: number } {
    const now = Date.now();
    const recent = this.samples.filter((s) => s.at >= now - WINDOW_MS);
    if (recent.length === 0) return { requests: 0, p95Ms: null, errorRate: 0 };
    const sorted = recent.map((s) => s.ms).sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    return { requests: recent.length, p95Ms: Math.round(p95 * 10) / 10, errorRate: recent.filter((s) => s.error).length / recent.length };
  }
}

/** "/voice/step/:step", "/api/bookings/:code": route patterns, never raw paths (no unbounded labels). */
function routeLabel(path: string): string {
  if (path.startsWith("/voice/")) return path.split("/").slice(0, 3).join("/");
  if (path.startsWith("/api/")) return path.split("/").slice(0, 3).join("/");
  if (path === "/healthz" || path === "/metrics") return path;
  return "static";
}

export function requestMetrics(registry: Registry, webhooks: WebhookWindow): RequestHandler {
  const duration = new Histogram({
    name: "hotline_http_request_duration_seconds",
    help: "HTTP request duration by route group, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const apologies = new Counter({
    name: "hotline_voice_apologies_total",
    help: "Voice webhooks answered with an apology because something failed",
    registers: [registry],
  });
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(req.path);
      duration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
      if (route.startsWith("/voice")) {
        const apology = res.locals.apology === true;
        if (apology) apologies.inc();
        webhooks.add(seconds * 1000, apology || res.statusCode >= 500);
      }
    });
    next();
  };
}
