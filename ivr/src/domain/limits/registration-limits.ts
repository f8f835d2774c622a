// Registrations on the waiting list by phone. Each entry may receive an invitation with a held
// pair: a caller who registers invented people by the dozen would hold pairs the real ones
// wait for. A household registers two or three people, a carer a few more; beyond that a
// person on the line registers them (agents are not limited here).
import type { Clock } from "../ledger/ledger.ts";
import type { AttemptCounter } from "./attempt-counter.ts";
import { callerCheck } from "./code-lookup-limits.ts";
import { countAttempt, type RateRule, type Refusal } from "./rate-limit.ts";

export interface RegistrationRules {
  /** Registrations from one caller ID. */
  perCaller: RateRule;
  /** Registrations from all withheld numbers together (they cannot be told apart). */
  withheldCallers: RateRule;
}

export const DEFAULT_REGISTRATION_RULES: RegistrationRules = {
  perCaller: { name: "waitlist-caller", limit: 5, seconds: 24 * 3600 },
  withheldCallers: { name: "waitlist-withheld", limit: 20, seconds: 3600 },
};

export class RegistrationLimits {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: Clock,
    private readonly rules: RegistrationRules = DEFAULT_REGISTRATION_RULES,
  ) {}

  /** A caller is about to register someone; null when they may, else when again. */
  callerRegistration(callerId: string | null | undefined): Promise<Refusal | null> {
    return countAttempt(this.counter, [callerCheck(callerId, this.rules)], this.clock.now());
  }
}
