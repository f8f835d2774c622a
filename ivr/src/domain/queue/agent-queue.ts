// The agent queue: whether a caller should wait or be offered a callback, the honest wait
// they are told on every loop, and the real wait once they leave.
import type { Clock } from "../ledger/ledger.ts";
import type { SettingsSource } from "../operations-settings.ts";
import { isOpen } from "../time/opening-hours.ts";
import type { QueuedCallRecord, QueueStore } from "./queue-store.ts";
import { estimateWait, type WaitEstimate } from "./wait-estimate.ts";

/** Handle times of the last half hour describe the current shift; older ones do not. */
const HANDLE_WINDOW_MS = 30 * 60_000;

/** "no-agents": nobody is signed in, so waiting would be a promise nobody keeps. */
export type Overflow = "outside-hours" | "queue-full" | "no-agents" | "long-wait";

export interface QueueDecision {
  /** null: the caller may wait. Otherwise why a callback is offered instead. */
  overflow: Overflow | null;
  waiting: number;
  estimate: WaitEstimate | null;
}

export class AgentQueue {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly settings: SettingsSource,
  ) {}

  get name(): string {
    return this.settings.current().queue.name;
  }

  /** What a caller asking for a person now would face. */
  async decide(): Promise<QueueDecision> {
    const { queue, hotline } = this.settings.current();
    const now = this.clock.now();
    const waiting = await this.store.waitingCount(queue.name);
    const estimate = await this.estimateAt(waiting + 1);
    if (!isOpen(now, hotline.opensAt, hotline.closesAt)) return { overflow: "outside-hours", waiting, estimate };
    if (waiting >= queue.capacity) return { overflow: "queue-full", waiting, estimate };
    // estimateAt is null exactly when no agent is available, on a call or in wrap-up.
    if (estimate === null) return { overflow: "no-agents", waiting, estimate };
    if (estimate.maxMinutes > queue.offerCallbackAboveMinutes) return { overflow: "long-wait", waiting, estimate };
    return { overflow: null, waiting, estimate };
  }

  async enqueue(
    call: Omit<QueuedCallRecord, "status" | "estimate" | "agentId" | "enqueuedAt" | "queue" | "bridgedAt">,
  ): Promise<void> {
    await this.store.enqueue({ ...call, queue: this.name, enqueuedAt: this.clock.now() });
  }

  /** Place and estimate for a waiting caller, recomputed on every loop and remembered. */
  async progress(
    callSid: string,
    twilioPosition: number | null,
  ): Promise<{ position: number; estimate: WaitEstimate | null }> {
    const position = twilioPosition ?? (await this.store.positionOf(callSid)) ?? 1;
    const estimate = await this.estimateAt(position);
    await this.store.recordEstimate(callSid, estimate);
    return { position, estimate };
  }

  async estimateAt(position: number): Promise<WaitEstimate | null> {
    const now = this.clock.now();
    const [agentsWorking, measured] = await Promise.all([
      this.store.agentsWorking(),
      this.store.avgHandleSeconds(new Date(now.getTime() - HANDLE_WINDOW_MS)),
    ]);
    return estimateWait({
      position,
      agentsWorking,
      avgHandleSeconds: measured ?? this.settings.current().queue.defaultHandleSeconds,
    });
  }

  left(callSid: string, result: string, waitSeconds: number | null): Promise<void> {
    return this.store.left(callSid, result, waitSeconds, this.clock.now());
  }

  bridged(callSid: string, agentId: string): Promise<boolean> {
    return this.store.bridged(callSid, agentId, this.clock.now());
  }

  ended(callSid: string): Promise<void> {
    return this.store.ended(callSid, this.clock.now());
  }

  find(callSid: string): Promise<QueuedCallRecord | null> {
    return this.store.find(callSid);
  }

  waiting(limit = 100): Promise<QueuedCallRecord[]> {
    return this.store.waiting(this.name, limit);
  }

  agentsAvailable(): Promise<number> {
    return this.store.agentsAvailable();
  }
}
