// The service figures in /metrics: for the running quarter-hour (window="15m") and the day so
// far (window="today"), with the definitions of the README. A ratio without anything to divide
// (no caller yet) is left out rather than shown as 0.
import type { Gauge } from "prom-client";
import type { ServiceFigures, TileLevel, WallboardSnapshot } from "../../contracts/supervisor-api.ts";

export type GaugeFactory = <L extends string>(
  name: string,
  help: string,
  labelNames: L[],
  fill: (g: Gauge<L>, s: WallboardSnapshot) => void,
) => Gauge<L>;

const OUTCOMES = {
  offered: "offered",
  answered: "answered",
  answered_in_target: "answeredInTarget",
  abandoned: "abandoned",
  short_abandoned: "shortAbandoned",
  to_callback: "toCallback",
  other: "otherExits",
  waiting: "waiting",
} as const satisfies Record<string, keyof ServiceFigures>;

const LEVEL: Record<TileLevel, number> = { ok: 0, warning: 1, critical: 2 };

export function serviceGauges(gauge: GaugeFactory): void {
  const windows = (s: WallboardSnapshot) =>
    [
      ["15m", s.service.interval],
      ["today", s.service.today],
    ] as const;
  const perWindow = (name: string, help: string, value: (f: ServiceFigures) => number | null) =>
    gauge(name, help, ["window"], (g, s) => {
      for (const [window, figures] of windows(s)) {
        const v = value(figures);
        if (v !== null) g.set({ window }, v);
      }
    });

  gauge(
    "hotline_service_calls",
    "Callers who joined the agent queue in the running quarter-hour / today, by what became of them",
    ["window", "outcome"],
    (g, s) => {
      for (const [window, figures] of windows(s))
        for (const [outcome, key] of Object.entries(OUTCOMES)) g.set({ window, outcome }, figures[key]);
    },
  );
  perWindow(
    "hotline_service_level_ratio",
    "Answered within the target time / (answered + abandoned after the short-abandon time, 5 s by default)",
    (f) => f.serviceLevel,
  );
  perWindow(
    "hotline_service_abandon_ratio",
    "Abandoned after the short-abandon time / (offered - short abandons)",
    (f) => f.abandonRate,
  );
  perWindow(
    "hotline_service_avg_speed_of_answer_seconds",
    "Mean wait of answered callers",
    (f) => f.avgSpeedOfAnswerSeconds,
  );
  perWindow("hotline_service_handled", "Conversations ended (talk, hold and wrap-up done)", (f) => f.handled);
  perWindow(
    "hotline_service_avg_handle_seconds",
    "Mean talk + hold + wrap-up time per conversation ended",
    (f) => f.avgHandleSeconds,
  );
  perWindow(
    "hotline_service_occupancy_ratio",
    "Agents' talk + hold + wrap-up time / (that + available idle time); breaks left out",
    (f) => f.occupancy,
  );
  perWindow(
    "hotline_service_estimate_error_minutes",
    "Answered callers: mean minutes by which the real wait fell outside the announced range",
    (f) => f.estimate.avgErrorMinutes,
  );
  perWindow("hotline_service_estimate_within_ratio", "Answered callers who waited within the announced range", (f) =>
    f.estimate.measured > 0 ? f.estimate.withinRange / f.estimate.measured : null,
  );
  gauge("hotline_service_level_target_ratio", "The service-level target (share of callers)", [], (g, s) =>
    g.set(s.service.target.percent / 100),
  );
  gauge("hotline_service_level_target_seconds", "The service-level target time", [], (g, s) =>
    g.set(s.service.target.seconds),
  );
  gauge(
    "hotline_wallboard_tile_level",
    "Wallboard tiles against the supervisor's thresholds: 0 ok, 1 amber, 2 red",
    ["tile"],
    (g, s) => {
      for (const [tile, level] of Object.entries(s.service.levels)) g.set({ tile }, LEVEL[level]);
    },
  );
  gauge("hotline_agents_long_wrap_up", "Agents in wrap-up for longer than the supervisor's limit", [], (g, s) =>
    g.set(s.agentList.filter((a) => a.longWrapUp).length),
  );
}
