// The outbound task table's rules: tasks queued once per kind and subject, claimed one at a
// time under a lease, retried in calling hours after no answer, a machine, busy or a failure,
// and handed to their kind's other way (a letter) when every attempt is used or the task ran
// past its not-after. The pacing loop (scheduler.ts) decides when to claim.
import { randomUUID } from "node:crypto";
import type { Clock } from "../ledger/ledger.ts";
import { inCallingHours, nextCallingTime, type CallingHours } from "./calling-hours.ts";
import { KIND_POLICIES, OUTBOUND_KINDS, type KindPolicy, type OutboundKind } from "./outbound-kinds.ts";
import type { AttemptOutcome, NewOutboundTask, OutboundStore, OutboundTask, TaskClaim } from "./outbound-store.ts";

/** What a kind does when its call cannot reach the person (every attempt used, or too late). */
export interface KindHandler {
  gaveUp(task: OutboundTask): Promise<void>;
}

export interface OutboundCallsOptions {
  /** Automated calls only inside these (Europe/Berlin). */
  callingHours: CallingHours;
  /** Agent-bound calls only inside these (the hotline's opening hours, live). */
  agentHours: () => CallingHours;
  /** A claim not yet dialled is given back after this. */
  claimSeconds?: number;
  /** A call ringing or in progress keeps its claim this long before it counts as lost. */
  callSeconds?: number;
  policies?: Record<OutboundKind, KindPolicy>;
}

const REAP_EVERY_MS = 1_000;

export class OutboundCalls {
  private readonly handlers = new Map<OutboundKind, KindHandler>();
  private lastReap = Number.NEGATIVE_INFINITY;
  readonly policies: Record<OutboundKind, KindPolicy>;

  constructor(
    private readonly store: OutboundStore,
    private readonly clock: Clock,
    private readonly options: OutboundCallsOptions,
  ) {
    this.policies = options.policies ?? KIND_POLICIES;
  }

  /** A kind's other way when its calls fail (invitations: a letter). One per kind. */
  onGaveUp(kind: OutboundKind, handler: KindHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Queues calls; a kind and subject queued already is left as it is. The first try waits for calling hours. */
  enqueue(tasks: NewOutboundTask[]): Promise<number> {
    const now = this.clock.now();
    return this.store.enqueue(
      tasks.map((t) => {
        const policy = this.policies[t.kind];
        const hours = policy.automated ? this.options.callingHours : this.options.agentHours();
        const notBefore = nextCallingTime(t.notBefore > now ? t.notBefore : now, hours);
        return { ...t, notBefore, priority: policy.priority, maxAttempts: policy.maxAttempts };
      }),
      now,
    );
  }

  /** Kinds that may be dialled now: automated ones in calling hours, agent-bound ones while agents are free. */
  dialableKinds(now: Date, agentsFree: boolean): OutboundKind[] {
    return OUTBOUND_KINDS.filter((kind) => {
      const policy = this.policies[kind];
      if (policy.needsAgent && !agentsFree) return false;
      return inCallingHours(now, policy.automated ? this.options.callingHours : this.options.agentHours());
    });
  }

  async claimNext(claimer: string, agentsFree: boolean): Promise<TaskClaim | null> {
    const now = this.clock.now();
    if (now.getTime() - this.lastReap >= REAP_EVERY_MS || now.getTime() < this.lastReap) {
      this.lastReap = now.getTime();
      await this.store.reapExpiredLeases(now);
      await this.expire(now);
    }
    const kinds = this.dialableKinds(now, agentsFree);
    if (kinds.length === 0) return null;
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + (this.options.claimSeconds ?? 30) * 1000);
    const task = await this.store.claimNext(kinds, claimer, token, leaseUntil, now);
    return task ? { task, token } : null;
  }

  /** The call was placed: the claim lasts while it rings and runs. */
  dialling(claim: TaskClaim, callSid: string): Promise<boolean> {
    const until = new Date(this.clock.now().getTime() + (this.options.callSeconds ?? 20 * 60) * 1000);
    return this.store.markDialling(claim.task.id, claim.token, callSid, until);
  }

  /** The provider refused the call: counted as a failed attempt, retried like one. */
  notPlaced(claim: TaskClaim): Promise<void> {
    return this.settle(claim.task, "failed");
  }

  find(id: number): Promise<OutboundTask | null> {
    return this.store.byId(id);
  }

  /** The answer webhook: a person or a machine picked up (Twilio's AnsweredBy). */
  answered(callSid: string, by: "human" | "machine"): Promise<OutboundTask | null> {
    return this.store.recordAnswer(callSid, by);
  }

  /**
   * The call's status callback: a person reached ends the task; anything else is retried in
   * calling hours while attempts are left, else the kind's other way. Null for calls not ours.
   */
  async dialEnded(callSid: string, callStatus: string, durationSeconds: number): Promise<OutboundTask | null> {
    const task = await this.store.byCallSid(callSid);
    if (!task || !["claimed", "dialling"].includes(task.status)) return task;
    await this.settle(task, attemptOutcome(callStatus, durationSeconds, task.lastOutcome));
    return this.store.byId(task.id);
  }

  /** The subject needs no call any more (declined, accepted on another way). */
  cancel(kind: OutboundKind, subjectId: string): Promise<boolean> {
    return this.store.cancel(kind, subjectId, this.clock.now());
  }

  counts() {
    return this.store.counts();
  }

  private async settle(task: OutboundTask, outcome: AttemptOutcome): Promise<void> {
    const now = this.clock.now();
    const policy = this.policies[task.kind];
    const retryAt = outcome === "human" ? null : this.retryAt(task, policy, now);
    const next =
      outcome === "human" ? { status: "done" as const } : retryAt ? { retryAt } : { status: "gave-up" as const };
    const changed = await this.store.attemptEnded(task.id, outcome, next, now);
    if (changed && "status" in next && next.status === "gave-up") await this.handlers.get(task.kind)?.gaveUp(task);
  }

  private retryAt(task: OutboundTask, policy: KindPolicy, now: Date): Date | null {
    if (task.attempts >= task.maxAttempts) return null;
    const delays = policy.retryDelaysMinutes;
    const delay = delays[Math.min(task.attempts - 1, delays.length - 1)] ?? 60;
    const hours = policy.automated ? this.options.callingHours : this.options.agentHours();
    const at = nextCallingTime(new Date(now.getTime() + delay * 60_000), hours);
    return task.notAfter && at >= task.notAfter ? null : at;
  }

  private async expire(now: Date): Promise<void> {
    for (const task of await this.store.expireOverdue(now)) await this.handlers.get(task.kind)?.gaveUp(task);
  }
}

/** Twilio's final CallStatus (and what the answer webhook saw) as one attempt's outcome. */
export function attemptOutcome(
  callStatus: string,
  durationSeconds: number,
  answeredBy: AttemptOutcome | null,
): AttemptOutcome {
  if (callStatus === "completed") {
    if (answeredBy === "machine") return "machine";
    return answeredBy === "human" || durationSeconds > 0 ? "human" : "no-answer";
  }
  if (callStatus === "busy") return "busy";
  if (callStatus === "no-answer" || callStatus === "canceled") return "no-answer";
  return "failed";
}

/** Twilio's AnsweredBy: fax and every machine_* value are a machine; human and unknown a person (the identity check guards). */
export function answeredBy(value: string | undefined): "human" | "machine" {
  return value && (value.startsWith("machine") || value === "fax") ? "machine" : "human";
}
