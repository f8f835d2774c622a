// Rates: at most `limit` attempts in a fixed window of `seconds`, counted per subject (an
// agent, an address, a caller ID) or for everyone at once (subject "*").
import { counterKey, type AttemptCounter } from "./attempt-counter.ts";

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
 * Counts one attempt under each rule for its subject, and refuses when any count is now over
 * its limit: retry when the last of those windows ends. A refused attempt counts too, so a
 * client that keeps trying does not get more through, and its window still ends on time.
 */
export async function countAttempt(
  counter: AttemptCounter,
  checks: { rule: RateRule; subject: string }[],
  now: Date,
): Promise<Refusal | null> {
  const states = await counter.hit(
    checks.map((c) => ({ key: counterKey(c.rule.name, c.subject), seconds: c.rule.seconds, sliding: false })),
    now,
  );
  let wait = 0;
  states.forEach((state, i) => {
    if (state.count > checks[i]!.rule.limit && state.expiresAt)
      wait = Math.max(wait, secondsUntil(state.expiresAt, now));
  });
  return wait > 0 ? { retryAfterSeconds: wait } : null;
}

/** Whole seconds from `now` until `at`, rounded up, at least 1. */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
