// What an agent does with calls: change state, take the next caller from the queue (the
// screen pop carries the menu's context), finish a call. Live updates go out through the
// notifier; telephony bridges the call.
import type { AgentState, CallContextView, QueueSummary } from "../../contracts/console-api.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { AgentQueue } from "../queue/agent-queue.ts";
import type { QueuedCallRecord } from "../queue/queue-store.ts";
import type { AgentRecord, AgentStore } from "./agent-store.ts";

export interface DeskNotifier {
  agentState(agent: AgentRecord): void;
  callAssigned(agentId: string, context: CallContextView): void;
  callEnded(agentId: string, callSid: string): void;
}

export interface Bridge {
  /** Connects the queued caller to the agent's softphone (Twilio: redirect the call). */
  connect(callSid: string, agentId: string): Promise<void>;
}

export class AgentDesk {
  constructor(
    private readonly agents: AgentStore,
    private readonly queue: AgentQueue,
    private readonly clock: Clock,
    private readonly notifier: DeskNotifier,
    private readonly bridge: Bridge,
  ) {}

  async setState(agentId: string, state: AgentState): Promise<AgentRecord> {
    const agent = await this.agents.setState(
      agentId,
      state,
      this.clock.now(),
      state === "offline" ? { callSid: null, callbackId: null } : {},
    );
    if (!agent) throw new DomainError("person_invalid");
    this.notifier.agentState(agent);
    return agent;
  }

  /** Takes the longest-waiting caller (or a given one) and pops their context. */
  async answer(agentId: string, callSid?: string): Promise<CallContextView> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = callSid ? await this.queue.find(callSid) : (await this.queue.waiting(1))[0];
      if (!candidate || candidate.status !== "waiting") throw new DomainError("queue_empty");
      // Two agents may pick the same caller: only one bridge succeeds, the other takes the next.
      if (!(await this.queue.bridged(candidate.callSid, agentId))) {
        if (callSid) throw new DomainError("queue_empty");
        continue;
      }
      const agent = await this.agents.setState(agentId, "on-call", this.clock.now(), { callSid: candidate.callSid });
      if (agent) this.notifier.agentState(agent);
      await this.bridge.connect(candidate.callSid, agentId);
      const context = contextView(
        { ...candidate, status: "bridged", agentId, bridgedAt: this.clock.now() },
        this.clock.now(),
      );
      this.notifier.callAssigned(agentId, context);
      return context;
    }
    throw new DomainError("queue_empty");
  }

  /**
   * Ends a call at the desk: the agent's own (their current call, or one bridged to them), or,
   * for a supervisor, anyone's, which puts that call's agent into wrap-up.
   */
  async end(by: AgentRecord, callSid: string): Promise<void> {
    let agentId = by.id;
    if (by.currentCallSid !== callSid) {
      const call = await this.queue.find(callSid);
      if (call?.agentId && call.agentId !== by.id) {
        if (by.role !== "supervisor") throw new DomainError("call_not_yours");
        agentId = call.agentId;
      }
    }
    await this.queue.ended(callSid);
    const agent = await this.agents.setState(agentId, "wrap-up", this.clock.now(), { callSid: null });
    if (agent) this.notifier.agentState(agent);
    this.notifier.callEnded(agentId, callSid);
  }

  /** The agent's current call, for a reload or a second tab. */
  async current(agent: AgentRecord): Promise<CallContextView | null> {
    if (!agent.currentCallSid) return null;
    const call = await this.queue.find(agent.currentCallSid);
    return call && call.agentId === agent.id ? contextView(call, this.clock.now()) : null;
  }

  async summary(): Promise<QueueSummary> {
    const waiting = await this.queue.waiting(500);
    const first = waiting[0];
    return {
      waiting: waiting.length,
      longestWaitSeconds: first
        ? Math.max(0, Math.round((this.clock.now().getTime() - first.enqueuedAt.getTime()) / 1000))
        : 0,
      next: first
        ? {
            callSid: first.callSid,
            language: first.language,
            reason: first.reason,
            enqueuedAt: first.enqueuedAt.toISOString(),
          }
        : null,
    };
  }
}

export function contextView(call: QueuedCallRecord, now: Date): CallContextView {
  const c = call.context as Record<string, unknown>;
  const answeredAt = call.status === "bridged" ? (call.bridgedAt ?? now) : null;
  return {
    callSid: call.callSid,
    kind: call.reason === "callback" ? "callback" : "inbound",
    language: call.language,
    phone: call.phone,
    postcode: (c.postcode as string | null) ?? null,
    district: (c.district as CallContextView["district"]) ?? null,
    centre: (c.centre as CallContextView["centre"]) ?? null,
    heldPair: (c.heldPair as CallContextView["heldPair"]) ?? null,
    birthYear: (c.birthYear as number | null) ?? null,
    birthDate: (c.birthDate as string | null) ?? null,
    path: Array.isArray(c.path) ? (c.path as string[]) : [],
    reason: (c.reason as string | null) ?? call.reason,
    enqueuedAt: call.enqueuedAt.toISOString(),
    answeredAt: answeredAt ? answeredAt.toISOString() : null,
    waitedSeconds: answeredAt
      ? Math.max(0, Math.round((answeredAt.getTime() - call.enqueuedAt.getTime()) / 1000))
      : null,
    callbackRequestId: (c.callbackRequestId as number | null) ?? null,
  };
}
