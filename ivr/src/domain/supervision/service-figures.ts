// The service figures' arithmetic, kept apart from the database: counts per quarter-hour come
// from the queue's records, times from the agents' state history, and the ratios are
// computed here, the same way for a quarter-hour and for the whole day. Definitions in the
// README ("Service figures").
import type { ServiceFigures } from "../../contracts/supervisor-api.ts";

export const INTERVAL_MS = 15 * 60_000;

/** What the queue's records say about the callers who joined it in one period. */
export interface QueueCounts {
  offered: number;
  answered: number;
  answeredInTarget: number;
  abandoned: number;
  shortAbandoned: number;
  toCallback: number;
  /** Left the queue otherwise: queue full, a Twilio error, redirected. */
  otherExits: number;
  waiting: number;
  /** Sum of the waits of answered callers, seconds. */
  answerWaitSeconds: number;
  /** Answered callers who had been told an estimate, and how many waited within it. */
  estimated: number;
  estimateWithin: number;
  /** Sum of the minutes by which real waits fell outside the announced range. */
  estimateErrorMinutes: number;
}

/** What the agents' state history says about one period. */
export interface ActivityTotals {
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  availableSeconds: number;
  /** Conversations that ended in the period, and their whole handle time. */
  handled: number;
  handledSeconds: number;
}

export const NO_COUNTS: QueueCounts = {
  offered: 0,
  answered: 0,
  answeredInTarget: 0,
  abandoned: 0,
  shortAbandoned: 0,
  toCallback: 0,
  otherExits: 0,
  waiting: 0,
  answerWaitSeconds: 0,
  estimated: 0,
  estimateWithin: 0,
  estimateErrorMinutes: 0,
};

export const NO_ACTIVITY: ActivityTotals = {
  talkSeconds: 0,
  holdSeconds: 0,
  wrapUpSeconds: 0,
  availableSeconds: 0,
  handled: 0,
  handledSeconds: 0,
};

/** Adds up the fields `zero` has (others, such as a row's time, are left out). */
export function sum<T extends object>(items: T[], zero: T): T {
  const total = { ...zero } as Record<string, number>;
  for (const item of items) for (const k of Object.keys(total)) total[k]! += (item as Record<string, number>)[k] ?? 0;
  return total as T;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function serviceFigures(from: Date, until: Date, q: QueueCounts, a: ActivityTotals): ServiceFigures {
  const handling = a.talkSeconds + a.holdSeconds + a.wrapUpSeconds;
  return {
    from: from.toISOString(),
    until: until.toISOString(),
    offered: q.offered,
    answered: q.answered,
    answeredInTarget: q.answeredInTarget,
    abandoned: q.abandoned,
    shortAbandoned: q.shortAbandoned,
    toCallback: q.toCallback,
    otherExits: q.otherExits,
    waiting: q.waiting,
    serviceLevel: ratio(q.answeredInTarget, q.answered + q.abandoned),
    abandonRate: ratio(q.abandoned, q.offered - q.shortAbandoned),
    avgSpeedOfAnswerSeconds: ratio(q.answerWaitSeconds, q.answered),
    handled: a.handled,
    avgHandleSeconds: ratio(a.handledSeconds, a.handled),
    occupancy: ratio(handling, handling + a.availableSeconds),
    estimate: {
      measured: q.estimated,
      withinRange: q.estimateWithin,
      avgErrorMinutes: ratio(q.estimateErrorMinutes, q.estimated),
    },
  };
}

/** The quarter-hours from `from` (a quarter-hour boundary) up to `until`, the last one cut at `until`. */
export function intervals(from: Date, until: Date): { from: Date; until: Date }[] {
  const out: { from: Date; until: Date }[] = [];
  for (let t = from.getTime(); t < until.getTime(); t += INTERVAL_MS)
    out.push({ from: new Date(t), until: new Date(Math.min(t + INTERVAL_MS, until.getTime())) });
  return out;
}

export function quarterHourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / INTERVAL_MS) * INTERVAL_MS);
}
