// A rate per client address and for all clients together, for public endpoints.
import type { Clock } from "../ledger/ledger.ts";
import type { AttemptCounter } from "./attempt-counter.ts";
import { countAttempt, EVERYONE, type RateRule, type Refusal } from "./rate-limit.ts";

export class AddressRateLimit {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: Clock,
    private readonly rules: { perAddress: RateRule; everyone: RateRule },
  ) {}

  /** A request from `address` is about to be served: null when it may be, else when to try again. */
  take(address: string): Promise<Refusal | null> {
    return countAttempt(
      this.counter,
      [
        { rule: this.rules.perAddress, subject: address },
        { rule: this.rules.everyone, subject: EVERYONE },
      ],
      this.clock.now(),
    );
  }
}
