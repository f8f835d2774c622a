// Booking codes looked up: 31^11 codes make guessing hopeless only while guesses are few. By
// API an agent's account looked up 1,000 codes at 470/s, by phone one number tried 300 in
// 1.3 s (issue 15). Every lookup by code counts, found or not; a refused one never reads the
// booking, so it tells a guesser nothing about the code either.
import type { Clock } from "../ledger/ledger.ts";
import type { AttemptCounter } from "./attempt-counter.ts";
import { countAttempt, EVERYONE, type RateRule, type Refusal } from "./rate-limit.ts";

export interface CodeLookupRules {
  /** Lookups by one agent (console, API). */
  perAgent: RateRule;
  /** Lookups by all agents together. */
  agentsTogether: RateRule;
  /** Codes entered on the phone from one caller ID. */
  perCaller: RateRule;
  /** Codes entered by all callers whose number is withheld: one window for all of them. */
  withheldCallers: RateRule;
}

export const DEFAULT_CODE_LOOKUP_RULES: CodeLookupRules = {
  // An agent looks up the code of the caller on the line: about one per call of five minutes.
  perAgent: { name: "code-agent", limit: 30, seconds: 600 },
  agentsTogether: { name: "code-agents", limit: 600, seconds: 600 },
  // A caller types their code, maybe again after a slip: ten in an hour is plenty.
  perCaller: { name: "code-caller", limit: 10, seconds: 3600 },
  // Withheld numbers cannot be told apart, so a guesser hiding behind one must not get a
  // window per call; all of them share one, of a few times one caller's.
  withheldCallers: { name: "code-withheld", limit: 30, seconds: 3600 },
};

/**
 * Caller IDs that name no one: none at all, or what Twilio reports for a withheld number
 * ("anonymous" arrives as null; these are the keypad spellings of ANONYMOUS, RESTRICTED,
 * UNKNOWN and UNAVAILABLE it uses as From).
 */
const PSEUDO_NUMBERS = new Set(["+266696687", "+7378742833", "+8656696", "+86282452253"]);

export function isWithheld(callerId: string | null | undefined): boolean {
  return !callerId || PSEUDO_NUMBERS.has(callerId) || !/^\+?[1-9]\d{5,14}$/.test(callerId);
}

/**
 * The check for something a caller does: per caller ID, or, for withheld numbers (which cannot
 * be told apart), one window shared by all of them.
 */
export function callerCheck(
  callerId: string | null | undefined,
  rules: { perCaller: RateRule; withheldCallers: RateRule },
): { rule: RateRule; subject: string } {
  return isWithheld(callerId)
    ? { rule: rules.withheldCallers, subject: EVERYONE }
    : { rule: rules.perCaller, subject: callerId! };
}

export class CodeLookupLimits {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: Clock,
    private readonly rules: CodeLookupRules = DEFAULT_CODE_LOOKUP_RULES,
  ) {}

  /** An agent is about to look a booking up by its code; null when they may, else when again. */
  agentLookup(agentId: string): Promise<Refusal | null> {
    return countAttempt(
      this.counter,
      [
        { rule: this.rules.perAgent, subject: agentId },
        { rule: this.rules.agentsTogether, subject: EVERYONE },
      ],
      this.clock.now(),
    );
  }

  /**
   * A caller is about to have the code they entered looked up; null when they may, else when
   * again. `callerId` is the call's From (null or a pseudo-number when withheld).
   */
  callerLookup(callerId: string | null | undefined): Promise<Refusal | null> {
    return countAttempt(this.counter, [callerCheck(callerId, this.rules)], this.clock.now());
  }
}
