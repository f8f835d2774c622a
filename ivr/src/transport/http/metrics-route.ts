// GET /metrics in Prometheus text format: the wallboard's figures, HTTP and process metrics.
// Protected by a bearer token when METRICS_TOKEN is set. Names are documented in the README.
import { timingSafeEqual } from "node:crypto";
import { Router } from "express";
import { collectDefaultMetrics, Gauge, type Registry } from "prom-client";
import type { WallboardSnapshot } from "../../contracts/supervisor-api.ts";
import { serviceGauges, type GaugeFactory } from "./service-gauges.ts";

export function metricsRoute(
  registry: Registry,
  snapshot: () => Promise<WallboardSnapshot>,
  token: string | undefined,
): Router {
  collectDefaultMetrics({ register: registry, prefix: "hotline_" });
  // One snapshot per scrape, shared by every gauge below.
  let pending: Promise<WallboardSnapshot> | null = null;
  const current = () => (pending ??= snapshot());
  const gauge: GaugeFactory = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (g: Gauge<L>, s: WallboardSnapshot) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        fill(this, await current());
      },
    });

  gauge("hotline_menu_calls", "Calls in the phone menu by step (active in the last 10 minutes)", ["step"], (g, s) =>
    s.menu.forEach((m) => g.set({ step: m.step }, m.calls)),
  );
  gauge("hotline_queue_waiting", "Callers waiting in the agent queue", [], (g, s) => g.set(s.queue.waiting));
  gauge("hotline_queue_longest_wait_seconds", "Longest current wait in the agent queue", [], (g, s) =>
    g.set(s.queue.longestWaitSeconds),
  );
  serviceGauges(gauge);
  gauge("hotline_agents", "Agents by state", ["state"], (g, s) =>
    Object.entries(s.agents).forEach(([state, n]) => g.set({ state }, n)),
  );
  gauge("hotline_callbacks", "Callback requests by status", ["status"], (g, s) =>
    Object.entries(s.callbacks).forEach(([status, n]) => status !== "attempts" && g.set({ status }, n)),
  );
  gauge("hotline_callback_attempts", "Outbound attempts made for callback requests", [], (g, s) =>
    g.set(s.callbacks.attempts),
  );
  gauge(
    "hotline_bookings",
    "Bookings by channel in the last 15 minutes, hour and today",
    ["window", "channel"],
    (g, s) => {
      for (const [window, counts] of [
        ["15m", s.bookings.last15Minutes],
        ["1h", s.bookings.lastHour],
        ["today", s.bookings.today],
      ] as const) {
        for (const [channel, n] of Object.entries(counts)) g.set({ window, channel }, n);
      }
    },
  );
  gauge("hotline_free_pairs", "Free appointment pairs by KV region", ["region"], (g, s) =>
    s.freePairs.regions.forEach((r) => g.set({ region: r.regionId }, r.freePairs)),
  );
  gauge("hotline_centre_free_pairs", "Free appointment pairs by vaccination centre", ["centre"], (g, s) =>
    s.freePairs.centres.forEach((c) => g.set({ centre: c.name }, c.freePairs)),
  );
  gauge("hotline_webhook_p95_ms", "p95 latency of voice webhooks over the last minute (this process)", [], (g, s) =>
    g.set(s.webhooks.p95Ms ?? 0),
  );
  gauge(
    "hotline_webhook_error_ratio",
    "Share of voice webhooks answered with an apology or an error (last minute, this process)",
    [],
    (g, s) => g.set(s.webhooks.errorRate),
  );

  const router = Router();
  router.get("/metrics", async (req, res) => {
    if (token) {
      const given = Buffer.from(req.header("authorization")?.replace(/^Bearer /, "") ?? "");
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return void res.status(401).type("text/plain").send("unauthorised\n");
    }
    try {
      pending = null;
      res.type(registry.contentType).send(await registry.metrics());
    } catch {
      res.status(503).type("text/plain").send("# metrics unavailable: database unreachable\n");
    }
  });
  return router;
}
