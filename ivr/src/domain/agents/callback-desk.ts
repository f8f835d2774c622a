// A callback at the agent's desk is a conversation like a call: claimed only by a free agent,
// dialled once per attempt, and its outcome checked against what happened ("no answer" only
// after a dial, "booked" only with a booking made in it) before wrap-up starts.
import type { CallbackOutcome, WrapUpOutcome } from "../../contracts/console-api.ts";
import type { CallbackRecord, Claim } from "../callbacks/callback-store.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { AgentDesk } from "./agent-desk.ts";
import type { ConversationRecord } from "./routing-store.ts";

/** The wrap-up outcome a callback's result suggests; the agent may change it. */
const WRAP_UP_FOR: Record<CallbackOutcome, WrapUpOutcome> = {
  booked: "booked",
  "no-answer": "other",
  "wrong-number": "wrong-number",
  declined: "information",
  "call-again": "callback-arranged",
};

export class CallbackDesk {
  constructor(
    private readonly desk: AgentDesk,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes the callback offered to the agent, if it still rings for them: it is claimed for the
   * agent (the same claim as "Nächster Rückruf"), and the agent's "Anrufen" dials it.
   */
  async acceptOffer(
    agentId: string,
    offerId: number,
    claimById: (id: number) => Promise<Claim | null>,
  ): Promise<Claim> {
    const { routing, notifier } = this.desk;
    if (await routing.current(agentId)) throw new DomainError("conversation_busy");
    const offer = await routing.takeOffer(offerId, agentId, this.clock.now());
    if (offer?.callbackId === null || offer?.callbackId === undefined) throw new DomainError("offer_gone");
    notifier.offerEnded(agentId, offer.id, "accepted");
    // Claimed elsewhere meanwhile (the dialler, a colleague's "Nächster Rückruf"): gone.
    return this.claim(agentId, () => claimById(offer.callbackId!), "offer_gone");
  }

  /** Claims a callback for a free agent (no call, no other callback, nothing ringing). */
  async claim(
    agentId: string,
    claim: () => Promise<Claim | null>,
    noneLeft: "no_callback_due" | "offer_gone" = "no_callback_due",
  ): Promise<Claim> {
    const { routing } = this.desk;
    if (await routing.openOffer(agentId)) throw new DomainError("conversation_busy");
    const conversation = await routing.openConversation(
      agentId,
      { kind: "callback", callbackId: null },
      this.clock.now(),
    );
    if (!conversation) throw new DomainError("conversation_busy");
    const claimed = await claim().catch(async (error: unknown) => {
      await routing.discard(conversation.id);
      throw error;
    });
    if (!claimed) {
      await routing.discard(conversation.id);
      throw new DomainError(noneLeft);
    }
    await routing.setCallback(conversation.id, claimed.request.id);
    await this.desk.moveTo(agentId, "on-call", { callbackId: claimed.request.id });
    this.desk.notifier.conversation(agentId, await this.desk.conversation(agentId));
    return claimed;
  }

  /** Dials once per attempt: the conversation records the dial before the call is placed. */
  async dial(agentId: string, callbackId: number, place: () => Promise<string>): Promise<string> {
    const conversation = await this.own(agentId, callbackId);
    if (conversation.dialledAt || !(await this.desk.routing.markDialled(conversation.id, this.clock.now())))
      throw new DomainError("already_dialled");
    const callSid = await place();
    this.desk.notifier.conversation(agentId, await this.desk.conversation(agentId));
    return callSid;
  }

  /** Checks the outcome against what happened, records it, and starts the wrap-up. */
  async finish(
    agentId: string,
    callbackId: number,
    outcome: CallbackOutcome,
    notes: string | null,
    record: () => Promise<CallbackRecord | null>,
  ): Promise<CallbackRecord> {
    const conversation = await this.own(agentId, callbackId);
    if (outcome === "no-answer" && !conversation.dialledAt) throw new DomainError("not_dialled");
    if (outcome === "booked" && (await this.desk.routing.bookingMadeSince(agentId, conversation.id)) === null)
      throw new DomainError("booking_missing");
    const updated = await record();
    if (!updated) throw new DomainError("claim_lost");
    // Answered and bridged (call-control.ts): the callee's conference closes with the outcome.
    if (conversation.callSid) await this.desk.closeBridge(conversation.callSid);
    await this.desk.endConversation(conversation, { outcome: WRAP_UP_FOR[outcome], note: notes });
    return updated;
  }

  /** The claim went to someone else (its lease ran out): the agent's conversation about it ends. */
  async lost(agentId: string, callbackId: number): Promise<void> {
    const conversation = await this.desk.routing.current(agentId);
    if (conversation && !conversation.endedAt && conversation.callbackId === callbackId)
      await this.desk.endConversation(conversation, { outcome: "other" });
  }

  private async own(agentId: string, callbackId: number): Promise<ConversationRecord> {
    const conversation = await this.desk.routing.current(agentId);
    if (!conversation || conversation.endedAt) throw new DomainError("claim_lost");
    if (conversation.callbackId !== callbackId) throw new DomainError("conversation_busy");
    return conversation;
  }
}
