// Failed sign-ins slow down whoever keeps failing, with a backoff that doubles, never with a
// lockout: an attacker who knows the agents' names (they are in the README) must not be able to
// keep them out on launch day. Counted, shared by every process (the counter is PostgreSQL):
//
//   name + address   5 failures free, then 1 s, 2 s, 4 s … at most 15 min between attempts
//   address          30 failures free (any names), then the same backoff
//   name             10 failures free (any addresses), then the same backoff
//   everyone         300 attempts a minute, then the rest of the minute
//
// Only the first applies everywhere. The others apply to a name's attempts from an address
// that has already failed for that name and where the name has never signed in (in the last
// 30 days). So no one is kept out by other people's failures: not at an address where they
// signed in before, and not at one where they have not failed themselves. An attacker gets a
// few guesses per address and name, then waits, whatever X-Forwarded-For says (the address is
// only what TRUST_PROXY allows, see transport/http/client-address.ts).
//
// Every attempt is counted before the password is checked, so attempts sent in parallel
// cannot all pass the check before the first failure is written; a success takes its count
// back from the name's and the address's failures and clears the pair's.
import type { Clock } from "../ledger/ledger.ts";
import { counterKey, type AttemptCounter, type CounterState } from "./attempt-counter.ts";
import { secondsUntil, type Refusal } from "./rate-limit.ts";

interface Backoff {
  free: number;
  /** Failures are forgotten this long after the last one. */
  forgetSeconds: number;
}

export interface SignInRules {
  pair: Backoff;
  address: Backoff;
  name: Backoff;
  everyone: { limit: number; seconds: number };
  /** An address where a name signed in is remembered for it this long. */
  knownSeconds: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_SIGN_IN_RULES: SignInRules = {
  pair: { free: 5, forgetSeconds: 3600 },
  address: { free: 30, forgetSeconds: 3600 },
  name: { free: 10, forgetSeconds: 3600 },
  everyone: { limit: 300, seconds: 60 },
  knownSeconds: 30 * 86_400,
  firstDelaySeconds: 1,
  maxDelaySeconds: 900,
};

/** A sign-in that may go ahead: report its outcome with `failed` or `succeeded`. */
export interface SignInAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

export class SignInThrottle {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: Clock,
    private readonly rules: SignInRules = DEFAULT_SIGN_IN_RULES,
  ) {}

  /** Seconds to wait after `failures` failures under a backoff with `free` free ones (0: none). */
  delaySeconds(failures: number, free: number): number {
    if (failures < free) return 0;
    const { firstDelaySeconds, maxDelaySeconds } = this.rules;
    return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** Math.min(failures - free, 30));
  }

  /**
   * `name` may try a password from `address` now (an attempt to report back), or must wait.
   * `address` is the client's address as the transport established it.
   */
  async attempt(name: string, address: string): Promise<SignInAttempt | Refusal> {
    const who = name.trim().toLowerCase();
    const keys = {
      pair: counterKey("signin-pair", `${who}\n${address}`),
      address: counterKey("signin-address", address),
      name: counterKey("signin-name", who),
      everyone: counterKey("signin-everyone", "*"),
      known: counterKey("signin-known", `${who}\n${address}`),
    };
    const now = this.clock.now();
    const [pair, byAddress, byName, everyone, known] = await this.counter.peek(
      [keys.pair, keys.address, keys.name, keys.everyone, keys.known],
      now,
    );
    const watched = known!.count === 0 && pair!.count > 0;
    const before = { pair: pair!, address: byAddress!, name: byName!, everyone: everyone! };
    const wait = this.wait(before, watched, now);
    if (wait > 0) return { retryAfterSeconds: wait };

    const [pairAfter, addressAfter, nameAfter, everyoneAfter] = await this.counter.hit(
      [
        { key: keys.pair, seconds: this.rules.pair.forgetSeconds, sliding: true },
        { key: keys.address, seconds: this.rules.address.forgetSeconds, sliding: true },
        { key: keys.name, seconds: this.rules.name.forgetSeconds, sliding: true },
        { key: keys.everyone, seconds: this.rules.everyone.seconds, sliding: false },
      ],
      now,
    );
    // Attempts that arrived in between (the same guesser, in parallel) count as failures just made.
    const raced = (seen: CounterState, after: CounterState): CounterState =>
      after.count - 1 > seen.count ? { ...after, count: after.count - 1, lastAt: now } : seen;
    const meanwhile = {
      pair: raced(before.pair, pairAfter!),
      address: raced(before.address, addressAfter!),
      name: raced(before.name, nameAfter!),
      everyone: { ...everyoneAfter!, count: everyoneAfter!.count - 1 },
    };
    const waitNow = this.wait(meanwhile, known!.count === 0 && meanwhile.pair.count > 0, now);
    if (waitNow > 0) return { retryAfterSeconds: waitNow };

    return {
      failed: async () => undefined,
      succeeded: async () => {
        await this.counter.undo([keys.address, keys.name]);
        await this.counter.clear([keys.pair]);
        await this.counter.hit([{ key: keys.known, seconds: this.rules.knownSeconds, sliding: true }], now);
      },
    };
  }

  private wait(
    states: Record<"pair" | "address" | "name" | "everyone", CounterState>,
    watched: boolean,
    now: Date,
  ): number {
    const until = (state: CounterState, backoff: Backoff) => {
      const delay = this.delaySeconds(state.count, backoff.free);
      return delay > 0 && state.lastAt ? new Date(state.lastAt.getTime() + delay * 1000) : null;
    };
    const deadlines = [until(states.pair, this.rules.pair)];
    if (watched) {
      deadlines.push(until(states.address, this.rules.address), until(states.name, this.rules.name));
      if (states.everyone.count >= this.rules.everyone.limit) deadlines.push(states.everyone.expiresAt);
    }
    const latest = Math.max(...deadlines.map((d) => d?.getTime() ?? 0));
    return latest > now.getTime() ? secondsUntil(new Date(latest), now) : 0;
  }
}

export function isRefusal(value: SignInAttempt | Refusal): value is Refusal {
  return "retryAfterSeconds" in value;
}
