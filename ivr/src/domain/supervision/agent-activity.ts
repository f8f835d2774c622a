// Agents' time by kind of work, from their state history. States are read generically, so
// states added later fall into place: talk is "on-call", hold "on-hold", after-call work
// "wrap-up", idle "available"; everything else (breaks, "not ready", offline, a phone
// ringing) is left out of handle time and occupancy alike.
import { NO_ACTIVITY, type ActivityTotals } from "./service-figures.ts";

export interface StateChange {
  agentId: string;
  state: string;
  at: Date;
}

type Kind = "talk" | "hold" | "wrapUp" | "available" | "excluded";

export function kindOf(state: string): Kind {
  if (state === "on-call") return "talk";
  if (state === "on-hold") return "hold";
  if (state === "wrap-up") return "wrapUp";
  if (state === "available") return "available";
  return "excluded";
}

const SECONDS: Record<Exclude<Kind, "excluded">, keyof ActivityTotals> = {
  talk: "talkSeconds",
  hold: "holdSeconds",
  wrapUp: "wrapUpSeconds",
  available: "availableSeconds",
};

export interface Activity {
  /** One total per period, in the order given. */
  periods: ActivityTotals[];
  /** Conversations each agent finished within the periods. */
  handledByAgent: Map<string, number>;
}

/**
 * Sums each agent's time per kind of work into the periods, and counts conversations.
 * A conversation is a run of talk, hold and wrap-up; it ends when the agent goes to any other
 * state, or talks again after wrap-up (the next conversation). It is counted, with its whole
 * handle time, in the period in which it ends; one still going on is not counted yet.
 * `changes` are in the order they happened; each agent's first one may lie before the periods
 * (the state they were in when the first period began).
 */
export function agentActivity(changes: StateChange[], periods: { from: Date; until: Date }[], now: Date): Activity {
  const totals = periods.map(() => ({ ...NO_ACTIVITY }));
  const handledByAgent = new Map<string, number>();
  const byAgent = new Map<string, StateChange[]>();
  for (const c of changes) {
    const history = byAgent.get(c.agentId);
    if (history) history.push(c);
    else byAgent.set(c.agentId, [c]);
  }

  for (const [agentId, history] of byAgent) {
    let conversation: { seconds: number; wrapping: boolean } | null = null;
    const finish = (at: number) => {
      const done = conversation;
      conversation = null;
      if (!done) return;
      // Periods may overlap (a quarter-hour and the whole day): counted in each that holds the end.
      const holding = periods.flatMap((p, i) => (p.from.getTime() <= at && at < p.until.getTime() ? [i] : []));
      for (const i of holding) {
        totals[i]!.handled += 1;
        totals[i]!.handledSeconds += done.seconds;
      }
      if (holding.length > 0) handledByAgent.set(agentId, (handledByAgent.get(agentId) ?? 0) + 1);
    };
    history.forEach((change, n) => {
      const start = change.at.getTime();
      const end = Math.max(start, (history[n + 1]?.at ?? now).getTime());
      const kind = kindOf(change.state);
      if (kind === "talk" || kind === "hold") {
        if (conversation?.wrapping) finish(start);
        conversation ??= { seconds: 0, wrapping: false };
      } else if (kind === "wrapUp") {
        conversation ??= { seconds: 0, wrapping: true };
        conversation.wrapping = true;
      } else finish(start);
      if (conversation) conversation.seconds += (end - start) / 1000;
      if (kind === "excluded") return;
      periods.forEach((p, i) => {
        const overlap = Math.min(end, p.until.getTime()) - Math.max(start, p.from.getTime());
        if (overlap > 0) totals[i]![SECONDS[kind]] += overlap / 1000;
      });
    });
  }
  return { periods: totals, handledByAgent };
}
