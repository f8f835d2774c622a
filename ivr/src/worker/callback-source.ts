// Callbacks promised to waiting callers: the outbound scheduler's first source. One at a time
// per free agent (each answered callback needs one), in the queue's fairness order (claimNext).
import type { CallbackService } from "../domain/callbacks/callback-service.ts";
import type { OutboundSource, PlannedCall } from "../domain/outbound/scheduler.ts";
import type { AgentQueue } from "../domain/queue/agent-queue.ts";

export interface CallbackSourceDeps {
  callbacks: CallbackService;
  queue: AgentQueue;
  /** Public base URL of a server process (Twilio requests the answer and status URLs there). */
  publicBaseUrl: string;
  /** Test hook: stall this long after claiming (a worker "dies" mid-claim). */
  pauseAfterClaimMs?: number;
}

/** Agents free beyond the callbacks already ringing for them. */
export async function agentsFreeForCalls(deps: Pick<CallbackSourceDeps, "callbacks" | "queue">): Promise<boolean> {
  const [free, inFlight] = await Promise.all([deps.queue.agentsAvailable(), deps.callbacks.attemptsInFlight()]);
  return free - inFlight > 0;
}

export class CallbackSource implements OutboundSource {
  readonly name = "callbacks";
  readonly priority = 0;

  constructor(private readonly deps: CallbackSourceDeps) {}

  async next(claimer: string): Promise<PlannedCall | null> {
    // Each callback that answers needs an agent: never ring more people than can be served.
    if (!(await agentsFreeForCalls(this.deps))) return null;
    const claim = await this.deps.callbacks.claimNext(claimer);
    if (!claim) return null;
    if (this.deps.pauseAfterClaimMs) await new Promise((r) => setTimeout(r, this.deps.pauseAfterClaimMs));
    const base = this.deps.publicBaseUrl.replace(/\/$/, "");
    const id = claim.request.id;
    return {
      ref: `callback:${id}`,
      call: {
        to: claim.request.phone,
        answerUrl: `${base}/voice/callback/answer?request=${id}`,
        statusCallbackUrl: `${base}/voice/callback/status`,
      },
      placed: async (callSid) => {
        await this.deps.callbacks.dialling(claim, callSid);
      },
      // The claim's lease runs out and the request is dialled again: late, never lost.
      notPlaced: async () => undefined,
    };
  }
}
