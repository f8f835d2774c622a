// The service figures for the wallboard and /metrics: the running quarter-hour and the day so
// far, the tiles' levels against the supervisor's thresholds, the agents' list, and the day's
// quarter-hours for the charts.
import type { AgentRow, ServiceFigures, ServiceView } from "../../contracts/supervisor-api.ts";
import type { AgentStore } from "../agents/agent-store.ts";
import type { SettingsSource } from "../operations-settings.ts";
import { agentActivity } from "./agent-activity.ts";
import { intervals, NO_COUNTS, quarterHourOf, serviceFigures, sum, type QueueCounts } from "./service-figures.ts";
import type { SupervisionStore } from "./supervision-store.ts";
import { levelAbove, serviceLevelLevel } from "./tile-levels.ts";

export class ServiceReport {
  constructor(
    private readonly store: SupervisionStore,
    private readonly agents: AgentStore,
    private readonly settings: SettingsSource,
  ) {}

  /** The figures at `now`, for a day that began at `dayStart`. */
  async now(
    now: Date,
    dayStart: Date,
    live: { longestWaitSeconds: number; callbacksOverdue: number },
  ): Promise<{ service: ServiceView; agentList: AgentRow[] }> {
    const s = this.settings.current().service;
    // The running quarter-hour and the day include `now` itself.
    const until = new Date(now.getTime() + 1);
    const quarter = quarterHourOf(now);
    const [counts, changes, agents] = await Promise.all([
      this.store.queueCounts(dayStart, until, s),
      this.store.agentStateChanges(dayStart, until),
      this.agents.all(),
    ]);
    const periods = [
      { from: quarter, until },
      { from: dayStart, until },
    ];
    const activity = agentActivity(changes, periods, now);
    const interval = serviceFigures(
      quarter,
      now,
      sum(
        counts.filter((c) => c.at >= quarter),
        NO_COUNTS,
      ),
      activity.periods[0]!,
    );
    const today = serviceFigures(dayStart, now, sum(counts, NO_COUNTS), activity.periods[1]!);
    // A quarter-hour without any answered or abandoned caller says nothing: the day speaks.
    const shown = interval.serviceLevel ?? today.serviceLevel;
    const service: ServiceView = {
      target: { percent: s.targetPercent, seconds: s.targetSeconds },
      shortAbandonSeconds: s.shortAbandonSeconds,
      interval,
      today,
      levels: {
        serviceLevel: serviceLevelLevel(shown, s),
        longestWait: levelAbove(live.longestWaitSeconds, s.longestWaitAmberSeconds, s.longestWaitRedSeconds),
        callbacksOverdue: levelAbove(live.callbacksOverdue, s.callbacksOverdueAmber, s.callbacksOverdueRed),
      },
    };
    const agentList = agents
      .filter((a) => a.role === "agent" && !a.disabledAt)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, "de"))
      .map((a) => ({
        id: a.id,
        displayName: a.displayName,
        state: a.state,
        since: a.stateSince.toISOString(),
        handledToday: activity.handledByAgent.get(a.id) ?? 0,
        longWrapUp: a.state === "wrap-up" && now.getTime() - a.stateSince.getTime() > s.longWrapUpSeconds * 1000,
      }));
    return { service, agentList };
  }

  /** Every quarter-hour of [from, until), for the charts. */
  async quarterHours(from: Date, until: Date, now: Date): Promise<ServiceFigures[]> {
    const s = this.settings.current().service;
    const periods = intervals(from, until);
    const [counts, changes] = await Promise.all([
      this.store.queueCounts(from, until, s),
      this.store.agentStateChanges(from, until),
    ]);
    const byStart = new Map<number, QueueCounts>(counts.map((c) => [c.at.getTime(), c]));
    const activity = agentActivity(changes, periods, now);
    return periods.map((p, i) =>
      serviceFigures(p.from, p.until, byStart.get(p.from.getTime()) ?? NO_COUNTS, activity.periods[i]!),
    );
  }
}
