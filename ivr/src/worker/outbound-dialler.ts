// The outbound scheduler's pacing loop, run by whichever process holds the dialler's lease:
// callbacks first, then the task table (invitations, and reminders and standby calls next),
// never faster than the account's calls-per-second budget.
import type { Logger } from "pino";
import type { CallbackService } from "../domain/callbacks/callback-service.ts";
import type { OutboundCalls } from "../domain/outbound/outbound-calls.ts";
import { OutboundScheduler, type OutboundSource } from "../domain/outbound/scheduler.ts";
import { TaskSource } from "../domain/outbound/task-source.ts";
import type { SettingsSource } from "../domain/operations-settings.ts";
import type { AgentQueue } from "../domain/queue/agent-queue.ts";
import type { Telephony } from "../domain/telephony/telephony.ts";
import { agentsFreeForCalls, CallbackSource } from "./callback-source.ts";

export interface DiallerDeps {
  callbacks: CallbackService;
  outbound: OutboundCalls;
  queue: AgentQueue;
  telephony: Telephony;
  settings: SettingsSource;
  logger: Logger;
  publicBaseUrl: string;
  workerId: string;
  pauseAfterClaimMs?: number;
  mayDial?: () => boolean;
  /**
   * Whether due callbacks are dialled blind (the callback source asked at all); false while
   * they ring at agents' desks instead (CALLBACK_OFFERS=on). The task table is asked either way.
   */
  dialCallbacks?: () => boolean;
}

export class OutboundDialler {
  private timer: NodeJS.Timeout | null = null;
  readonly scheduler: OutboundScheduler;

  constructor(deps: DiallerDeps) {
    const base = deps.publicBaseUrl.replace(/\/$/, "");
    this.scheduler = new OutboundScheduler({
      sources: [
        skippedUnless(new CallbackSource(deps), deps.dialCallbacks),
        new TaskSource(
          deps.outbound,
          {
            answer: (id) => `${base}/voice/outbound/answer?task=${id}`,
            status: `${base}/voice/outbound/status`,
            amd: `${base}/voice/outbound/amd`,
          },
          () => agentsFreeForCalls(deps),
        ),
      ],
      telephony: deps.telephony,
      callsPerSecond: () => deps.settings.current().callbacks.callsPerSecond,
      workerId: deps.workerId,
      mayDial: deps.mayDial,
      onError: (err, source) => deps.logger.warn({ err, source }, "outbound dialler tick failed"),
      onPlaced: (ref, callSid) => deps.logger.info({ ref, callSid }, "outbound call placed"),
    });
  }

  start(intervalMs = 250): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.scheduler.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): Promise<string | null> {
    return this.scheduler.tick();
  }
}

function skippedUnless(source: OutboundSource, asked: (() => boolean) | undefined): OutboundSource {
  if (!asked) return source;
  return {
    name: source.name,
    priority: source.priority,
    next: (claimer) => (asked() ? source.next(claimer) : Promise.resolve(null)),
  };
}
