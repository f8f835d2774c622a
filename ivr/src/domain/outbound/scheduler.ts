// One pacing loop for every call the system places. Sources are asked in priority order
// (callbacks promised to waiting callers first, then the task table: standby, reminders,
// invitations, …); the first that has a call due gets it placed. Never more than the account's
// calls-per-second budget (Twilio's default: 1/s), shared by all sources. Whoever runs the loop
// makes sure only one process does (the dialler's lease, worker/leadership.ts).
import type { OutboundCall, Telephony } from "../telephony/telephony.ts";

/** A call a source has claimed and wants placed now. */
export interface PlannedCall {
  /** For logs and tests: "callback:12", "invitation:7". */
  ref: string;
  call: OutboundCall;
  /** Records the call SID (the claim now lasts while it rings). */
  placed(callSid: string): Promise<void>;
  /** The provider refused it: the source puts it back or counts the failure. */
  notPlaced(error: unknown): Promise<void>;
}

export interface OutboundSource {
  readonly name: string;
  /** Lower is asked first. */
  readonly priority: number;
  /** The next due call, already claimed for `claimer`, or null. */
  next(claimer: string): Promise<PlannedCall | null>;
}

export interface SchedulerDeps {
  sources: OutboundSource[];
  telephony: Telephony;
  /** Calls per second for the whole account (live setting). */
  callsPerSecond: () => number;
  workerId: string;
  /** Whether this process is the one that dials now; always, if absent. */
  mayDial?: () => boolean;
  /** Wall-clock milliseconds for pacing (tests may pass their own). */
  nowMs?: () => number;
  onError?: (err: unknown, source: string) => void;
  onPlaced?: (ref: string, callSid: string) => void;
}

export class OutboundScheduler {
  private lastDialAt = Number.NEGATIVE_INFINITY;
  private running = false;
  private readonly sources: OutboundSource[];

  constructor(private readonly deps: SchedulerDeps) {
    this.sources = [...deps.sources].sort((a, b) => a.priority - b.priority);
  }

  /** One pacing decision: places at most one call; answers its ref, or null. */
  async tick(): Promise<string | null> {
    if (this.running || this.deps.mayDial?.() === false) return null;
    this.running = true;
    try {
      const now = this.deps.nowMs?.() ?? Date.now();
      if (now - this.lastDialAt < 1000 / this.deps.callsPerSecond()) return null;
      for (const source of this.sources) {
        let planned: PlannedCall | null;
        try {
          planned = await source.next(this.deps.workerId);
        } catch (err) {
          this.deps.onError?.(err, source.name);
          continue;
        }
        if (!planned) continue;
        this.lastDialAt = this.deps.nowMs?.() ?? Date.now();
        try {
          const { callSid } = await this.deps.telephony.placeCall(planned.call);
          await planned.placed(callSid);
          this.deps.onPlaced?.(planned.ref, callSid);
          return planned.ref;
        } catch (err) {
          this.deps.onError?.(err, source.name);
          await planned.notPlaced(err).catch((e) => this.deps.onError?.(e, source.name));
          return null;
        }
      }
      return null;
    } finally {
      this.running = false;
    }
  }
}
