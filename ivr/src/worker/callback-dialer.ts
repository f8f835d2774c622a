// Places callbacks: one at a time per free agent, never faster than the account's
// calls-per-second limit (Twilio's default: 1/s), in the queue's fairness order. Only the
// process holding the dialler's lease dials; the others stand by to take over.
import type { Logger } from "pino";
import type { CallbackService } from "../domain/callbacks/callback-service.ts";
import type { AgentQueue } from "../domain/queue/agent-queue.ts";
import type { SettingsSource } from "../domain/operations-settings.ts";
import type { Telephony } from "../domain/telephony/telephony.ts";

export interface DialerDeps {
  callbacks: CallbackService;
  queue: AgentQueue;
  telephony: Telephony;
  settings: SettingsSource;
  logger: Logger;
  /** Public base URL of a server process (Twilio requests the answer and status URLs there). */
  publicBaseUrl: string;
  workerId: string;
  /** Test hook: stall this long after claiming (a worker "dies" mid-claim). */
  pauseAfterClaimMs?: number;
  /** Whether this process is the one that dials now (see leadership.ts); always, if absent. */
  mayDial?: () => boolean;
}

export class CallbackDialer {
  private timer: NodeJS.Timeout | null = null;
  private lastDialAt = 0;
  private running = false;

  constructor(private readonly deps: DialerDeps) {}

  start(intervalMs = 250): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pacing decision; returns the request id dialled, or null. */
  async tick(): Promise<number | null> {
    if (this.running || this.deps.mayDial?.() === false) return null;
    this.running = true;
    try {
      const { callsPerSecond } = this.deps.settings.current().callbacks;
      if (Date.now() - this.lastDialAt < 1000 / callsPerSecond) return null;
      const [free, inFlight] = await Promise.all([
        this.deps.queue.agentsAvailable(),
        this.deps.callbacks.attemptsInFlight(),
      ]);
      // Each callback that answers needs an agent: never ring more people than can be served.
      if (free - inFlight <= 0) return null;
      const claim = await this.deps.callbacks.claimNext(this.deps.workerId);
      if (!claim) return null;
      if (this.deps.pauseAfterClaimMs) await new Promise((r) => setTimeout(r, this.deps.pauseAfterClaimMs));
      const base = this.deps.publicBaseUrl.replace(/\/$/, "");
      const id = claim.request.id;
      this.lastDialAt = Date.now();
      const { callSid } = await this.deps.telephony.placeCall({
        to: claim.request.phone,
        answerUrl: `${base}/voice/callback/answer?request=${id}`,
        statusCallbackUrl: `${base}/voice/callback/status`,
      });
      await this.deps.callbacks.dialling(claim, callSid);
      this.deps.logger.info({ request: id, attempt: claim.request.attempts }, "callback dialled");
      return id;
    } catch (err) {
      this.deps.logger.warn({ err }, "callback dialer tick failed");
      return null;
    } finally {
      this.running = false;
    }
  }
}
