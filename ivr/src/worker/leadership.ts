// One process at a time does a given job (the callback dialler), whichever process that is:
// every candidate tries to take or renew a lease every `renewMs`; the holder keeps it while it
// lives, and when it dies the lease runs out and the next candidate takes over. A process that
// cannot reach the database stops acting as leader at once rather than at the lease's end, so
// two never act together for longer than one renewal interval.
import type { Logger } from "pino";

export interface LeaseStore {
  /** Takes or renews the lease; true while `holder` has it. */
  take(name: string, holder: string, seconds: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export interface LeadershipOptions {
  name: string;
  holder: string;
  leaseSeconds?: number;
  renewMs?: number;
  logger?: Logger;
}

export class Leadership {
  private leading = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly leaseSeconds: number;
  private readonly renewMs: number;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: LeadershipOptions,
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 6;
    this.renewMs = options.renewMs ?? 1_500;
    if (this.renewMs >= this.leaseSeconds * 1000) throw new Error("a lease must outlast its renewal interval");
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.timer) return;
    void this.renew();
    this.timer = setInterval(() => void this.renew(), this.renewMs);
    this.timer.unref();
  }

  /** Stops and hands the lease back, so a standby takes over at its next try. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const was = this.leading;
    this.leading = false;
    if (was) await this.store.release(this.options.name, this.options.holder).catch(() => undefined);
  }

  async renew(): Promise<boolean> {
    const { name, holder, logger } = this.options;
    let now = false;
    try {
      now = await this.store.take(name, holder, this.leaseSeconds);
    } catch (err) {
      logger?.warn({ err, lease: name }, "lease could not be renewed");
    }
    if (now !== this.leading) logger?.info({ lease: name, holder }, now ? "took over" : "handed over");
    this.leading = now;
    return now;
  }
}
