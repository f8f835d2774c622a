// What an agent does with calls: change state, accept the call offered to them (the screen
// pop carries the menu's context), end it, and wrap it up. An agent has at most one
// conversation (the database's rule, see routing-store.ts); live updates go out through the
// notifier; telephony bridges the call.
import type {
  AgentState,
  CallContextView,
  ConversationView,
  NotReadyReason,
  OfferView,
  QueueSummary,
  WrapUpOutcome,
} from "../../contracts/console-api.ts";
import type { CallControlView } from "../../contracts/call-control.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { AgentQueue } from "../queue/agent-queue.ts";
import type { QueuedCallRecord } from "../queue/queue-store.ts";
import type { AgentRecord, AgentStore } from "./agent-store.ts";
import type { ConversationRecord, OfferRecord, RoutingStore } from "./routing-store.ts";

export interface DeskNotifier {
  agentState(agent: AgentRecord): void;
  callAssigned(agentId: string, context: CallContextView): void;
  callEnded(agentId: string, callSid: string): void;
  offered(agentId: string, offer: OfferView): void;
  offerEnded(agentId: string, id: number, how: "accepted" | "missed" | "withdrawn"): void;
  conversation(agentId: string, conversation: ConversationView | null): void;
  /** A call's control state, to the supervisors and to `agentIds` (in the call, or just out of it). */
  callControl(control: CallControlView, agentIds: string[]): void;
}

export interface Bridge {
  /** Connects the queued caller to the agent's softphone (Twilio: redirect the call). */
  connect(callSid: string, agentId: string): Promise<void>;
  /** The call was ended at the desk: the caller's conference closes (call-control.ts). */
  ended?(callSid: string): Promise<void>;
}

/** Read at start (config.ts): how long an offer rings, when language stops mattering, how long wrap-up lasts. */
export interface RoutingRules {
  ringSeconds: number;
  anyLanguageAfterSeconds: number;
  wrapUpSeconds: number;
  /** Due callbacks are offered to free agents like waiting calls (CALLBACK_OFFERS); else the dialler dials them. */
  offerCallbacks: boolean;
}

/** What the ringing desk shows of a callback offered: whose language, why, since when. */
export interface CallbackFacts {
  language: string;
  reason: string;
  firstContactAt: Date;
}

export class AgentDesk {
  constructor(
    private readonly agents: AgentStore,
    private readonly queue: AgentQueue,
    private readonly clock: Clock,
    readonly notifier: DeskNotifier,
    private readonly bridge: Bridge,
    readonly routing: RoutingStore,
    readonly rules: RoutingRules,
    private readonly callbackFacts: (id: number) => Promise<CallbackFacts | null>,
  ) {}

  /**
   * A state the agent chose. During a conversation only "offline" is allowed (it closes the
   * conversation); during wrap-up any choice ends the wrap-up; leaving "available" stops a
   * ringing offer.
   */
  async setState(agentId: string, state: AgentState, reason?: NotReadyReason): Promise<AgentRecord> {
    const now = this.clock.now();
    const [conversation, agent] = await Promise.all([this.routing.current(agentId), this.agents.find(agentId)]);
    if (conversation) {
      // A conversation still running while the agent is no longer "on-call" was left behind
      // (the account was disabled mid-call, say): it closes like one in wrap-up.
      const running = !conversation.endedAt && agent?.state === "on-call";
      if (running && state !== "offline") throw new DomainError("conversation_busy");
      await this.routing.close(conversation.id, { outcome: null, note: null, bookingId: null }, now);
      this.notifier.conversation(agentId, null);
    }
    if (state !== "available") await this.withdrawOffer(agentId);
    return this.moveTo(agentId, state, {
      ...(state === "offline" ? { callSid: null, callbackId: null } : {}),
      reason: state === "break" ? (reason ?? "pause") : null,
    });
  }

  async moveTo(
    agentId: string,
    state: AgentState,
    extra: Parameters<AgentStore["setState"]>[3] = {},
  ): Promise<AgentRecord> {
    const agent = await this.agents.setState(agentId, state, this.clock.now(), extra);
    if (!agent) throw new DomainError("person_invalid");
    this.notifier.agentState(agent);
    return agent;
  }

  async withdrawOffer(agentId: string): Promise<void> {
    const offer = await this.routing.withdrawOffer(agentId, this.clock.now());
    if (offer) this.notifier.offerEnded(agentId, offer.id, "withdrawn");
  }

  /** Takes the call offered to the agent, if it still rings for them, and pops its context. */
  async accept(agentId: string, offerId: number): Promise<CallContextView> {
    const now = this.clock.now();
    if (await this.routing.current(agentId)) throw new DomainError("conversation_busy");
    const offer = await this.routing.takeOffer(offerId, agentId, now);
    if (!offer?.callSid) throw new DomainError("offer_gone");
    this.notifier.offerEnded(agentId, offer.id, "accepted");
    const conversation = await this.routing.openConversation(agentId, { kind: "call", callSid: offer.callSid }, now);
    // Another conversation won the race (a callback claimed at the same moment): the caller
    // keeps waiting and is offered again on the next round.
    if (!conversation) throw new DomainError("conversation_busy");
    if (!(await this.queue.bridged(offer.callSid, agentId))) {
      await this.routing.discard(conversation.id);
      throw new DomainError("offer_gone");
    }
    await this.moveTo(agentId, "on-call", { callSid: offer.callSid });
    this.notifier.conversation(agentId, conversationView(conversation));
    await this.bridge.connect(offer.callSid, agentId);
    const call = await this.queue.find(offer.callSid);
    if (!call) throw new DomainError("offer_gone");
    const context = contextView(call, now);
    this.notifier.callAssigned(agentId, context);
    return context;
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
    await this.bridge.ended?.(callSid);
    const conversation = await this.routing.current(agentId);
    if (conversation && conversation.callSid === callSid) await this.endConversation(conversation);
    else await this.moveTo(agentId, "wrap-up", { callSid: null });
    this.notifier.callEnded(agentId, callSid);
  }

  /** A callback's conversation is over at the desk: its conference (if it was bridged) closes. */
  async closeBridge(callSid: string): Promise<void> {
    await this.bridge.ended?.(callSid);
  }

  /** The conversation is over: wrap-up starts, with its timer. */
  async endConversation(
    conversation: ConversationRecord,
    prefill: { outcome?: WrapUpOutcome | null; note?: string | null } = {},
  ): Promise<ConversationRecord | null> {
    const now = this.clock.now();
    const ended = await this.routing.end(
      conversation.id,
      now,
      new Date(now.getTime() + this.rules.wrapUpSeconds * 1000),
      prefill.outcome ?? null,
      prefill.note ?? null,
    );
    if (!ended) return null;
    await this.moveTo(conversation.agentId, "wrap-up", { callSid: null, callbackId: null });
    this.notifier.conversation(conversation.agentId, conversationView(ended));
    return ended;
  }

  /** The wrap-up's outcome: "booked" only with a booking made in this conversation (linked to it). */
  async wrapUp(agentId: string, outcome: WrapUpOutcome, note: string | null): Promise<AgentRecord> {
    const conversation = await this.routing.current(agentId);
    if (!conversation?.endedAt) throw new DomainError("no_conversation");
    const bookingId = await this.routing.bookingMadeSince(agentId, conversation.id);
    if (outcome === "booked" && bookingId === null) throw new DomainError("booking_missing");
    await this.routing.close(
      conversation.id,
      { outcome, note, bookingId: outcome === "booked" ? bookingId : null },
      this.clock.now(),
    );
    this.notifier.conversation(agentId, null);
    return this.moveTo(agentId, "available");
  }

  async extendWrapUp(agentId: string): Promise<ConversationView> {
    const conversation = await this.routing.current(agentId);
    if (!conversation?.endedAt) throw new DomainError("no_conversation");
    const extended = await this.routing.extend(conversation.id, this.rules.wrapUpSeconds);
    if (!extended) throw new DomainError("wrap_up_extended");
    const view = conversationView(extended);
    this.notifier.conversation(agentId, view);
    return view;
  }

  /** The agent's current call, for a reload or a second tab. */
  async current(agent: AgentRecord): Promise<CallContextView | null> {
    if (!agent.currentCallSid) return null;
    const call = await this.queue.find(agent.currentCallSid);
    return call && call.agentId === agent.id ? contextView(call, this.clock.now()) : null;
  }

  async conversation(agentId: string): Promise<ConversationView | null> {
    const conversation = await this.routing.current(agentId);
    return conversation ? conversationView(conversation) : null;
  }

  async offer(agentId: string): Promise<OfferView | null> {
    const offer = await this.routing.openOffer(agentId);
    return offer ? this.offerView(offer) : null;
  }

  async offerView(offer: OfferRecord): Promise<OfferView | null> {
    const times = {
      offeredAt: offer.offeredAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
    };
    if (offer.callbackId !== null) {
      const callback = await this.callbackFacts(offer.callbackId);
      if (!callback) return null;
      return {
        id: offer.id,
        kind: "callback",
        callSid: null,
        callbackId: offer.callbackId,
        language: callback.language,
        reason: callback.reason,
        enqueuedAt: callback.firstContactAt.toISOString(),
        ...times,
      };
    }
    const call = offer.callSid ? await this.queue.find(offer.callSid) : null;
    if (!call) return null;
    return {
      id: offer.id,
      kind: "call",
      callSid: call.callSid,
      callbackId: null,
      language: call.language,
      reason: (call.context.reason as string | undefined) ?? call.reason,
      enqueuedAt: call.enqueuedAt.toISOString(),
      ...times,
    };
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

export function conversationView(c: ConversationRecord): ConversationView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: c.id,
    kind: c.kind,
    callSid: c.callSid,
    callbackId: c.callbackId,
    startedAt: c.startedAt.toISOString(),
    dialledAt: iso(c.dialledAt),
    endedAt: iso(c.endedAt),
    wrapUpUntil: iso(c.wrapUpUntil),
    wrapUpExtended: c.wrapUpExtended,
    outcome: c.outcome,
    note: c.note,
  };
}

export function contextView(call: QueuedCallRecord, now: Date): CallContextView {
  const c = (call.context ?? {}) as Record<string, unknown>;
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
    missedBooking: (c.missedBooking as CallContextView["missedBooking"]) ?? null,
  };
}
