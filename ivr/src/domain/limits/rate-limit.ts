// Rates: at most `limit` attempts in a fixed window of `seconds`, counted per subject (an
// agent, an address, a caller ID) or for everyone at once (subject "*").
import { counterKey, type AttemptCounter, type CounterState } from "./attempt-counter.ts";

export interface RateRule {
  /** The limit's name, part of its counters' keys ("code-agent", "availability-global"). */
  name: string;
  limit: number;
  seconds: number;
}

/** A refusal: try again after this many seconds (at least 1). */
export interface Refusal {
  retryAfterSeconds: number;
}

/** Everyone at once: the subject of a global rule. */
export const EVERYONE = "*";

/**
 * Counts one attempt under each rule for its subject, unless one of them is already at its
 * limit: then nothing is counted, and the refusal says when the last full window ends. A
 * refusal costs no one else anything: one agent hammering away at their own limit does not use
 * up the limit all agents share. Attempts that race past the first look are checked again
 * after counting and taken back when they went over.
 */
export async function countAttempt(
  counter: AttemptCounter,
  checks: { rule: RateRule; subject: string }[],
  now: Date,
): Promise<Refusal | null> {
  const keys = checks.map((c) => counterKey(c.rule.name, c.subject));
  const refusal = (states: CounterState[], over: (count: number, limit: number) => boolean): Refusal | null => {
    let wait = 0;
    states.forEach((state, i) => {
      if (over(state.count, checks[i]!.rule.limit) && state.expiresAt)
        wait = Math.max(wait, secondsUntil(state.expiresAt, now));
    });
    return wait > 0 ? { retryAfterSeconds: wait } : null;
  };
  const full = refusal(await counter.peek(keys, now), (count, limit) => count >= limit);
  if (full) return full;
  const counted = await counter.hit(
    checks.map((c, i) => ({ key: keys[i]!, seconds: c.rule.seconds, sliding: false })),
    now,
  );
  const raced = refusal(counted, (count, limit) => count > limit);
  if (raced) await counter.undo(keys);
  return raced;
}

/** Whole seconds from `now` until `at`, rounded up, at least 1. */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
