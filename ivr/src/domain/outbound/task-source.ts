// The task table as a source of the outbound scheduler: the next due task of a kind that may
// be dialled now (automated kinds in calling hours, agent-bound ones while agents are free),
// placed with answering-machine detection when automated.
import type { OutboundCalls } from "./outbound-calls.ts";
import type { OutboundSource, PlannedCall } from "./scheduler.ts";

export interface TaskUrls {
  /** Absolute URL Twilio requests when the task's call is answered. */
  answer(taskId: number): string;
  status: string;
  /**
   * Where asynchronous machine detection reports (Twilio's AsyncAmdStatusCallback). With it, an
   * automated call starts talking as soon as it is answered instead of after seconds of silence
   * while the detection listens; without it, detection blocks the answer as before.
   */
  amd?: string;
}

export class TaskSource implements OutboundSource {
  readonly name = "tasks";
  readonly priority = 10;

  constructor(
    private readonly calls: OutboundCalls,
    private readonly urls: TaskUrls,
    /** Agents free beyond the calls already ringing for them. */
    private readonly agentsFree: () => Promise<boolean>,
  ) {}

  async next(claimer: string): Promise<PlannedCall | null> {
    const anyAgentKind = Object.values(this.calls.policies).some((p) => p.needsAgent);
    const claim = await this.calls.claimNext(claimer, anyAgentKind ? await this.agentsFree() : false);
    if (!claim) return null;
    const policy = this.calls.policies[claim.task.kind];
    return {
      ref: `${claim.task.kind}:${claim.task.subjectId}`,
      call: {
        to: claim.task.phone,
        answerUrl: this.urls.answer(claim.task.id),
        statusCallbackUrl: this.urls.status,
        // Wait for the greeting's beep, so a message left on a machine is heard from its start.
        ...(policy.automated ? { machineDetection: "DetectMessageEnd" as const } : {}),
        ...(policy.automated && this.urls.amd ? { asyncAmdStatusCallbackUrl: this.urls.amd } : {}),
      },
      placed: async (callSid) => {
        await this.calls.dialling(claim, callSid);
      },
      notPlaced: () => this.calls.notPlaced(claim),
    };
  }
}
