// What routing and wrap-up need from the database: offers (one open per agent, per call and
// per callback) and conversations (one open per agent). Every change is one conditional
// statement, so several server processes can route at once and exactly one wins.
import type { WrapUpOutcome } from "../../contracts/console-api.ts";

export type OfferStatus = "open" | "accepted" | "missed" | "withdrawn";

export interface OfferRecord {
  id: number;
  agentId: string;
  /** Exactly one of the two: a waiting caller, or a due callback request. */
  callSid: string | null;
  callbackId: number | null;
  status: OfferStatus;
  offeredAt: Date;
  expiresAt: Date;
}

export interface ConversationRecord {
  id: number;
  agentId: string;
  kind: "call" | "callback";
  callSid: string | null;
  callbackId: number | null;
  startedAt: Date;
  dialledAt: Date | null;
  endedAt: Date | null;
  wrapUpUntil: Date | null;
  wrapUpExtended: boolean;
  outcome: WrapUpOutcome | null;
  note: string | null;
  bookingId: number | null;
  closedAt: Date | null;
}

export interface OfferRules {
  queue: string;
  /** How long an offer rings before it counts as missed. */
  ringSeconds: number;
  /** After this wait a caller is offered to any agent, whatever languages they speak. */
  anyLanguageAfterSeconds: number;
}

export interface RoutingStore {
  /** Open offers past their time become "missed"; returns them. */
  expireOffers(now: Date): Promise<OfferRecord[]>;
  /**
   * Open offers whose caller is no longer waiting (hung up, moved to a callback), or whose
   * callback is no longer pending (the dialler claimed it, it was cancelled), are withdrawn.
   */
  withdrawStaleOffers(now: Date): Promise<OfferRecord[]>;
  /**
   * Offers the longest-waiting caller without an open offer to the longest-idle free agent who
   * speaks their language (or anyone, after the rules' wait); null when nothing matched.
   */
  offerNext(rules: OfferRules, now: Date): Promise<OfferRecord | null>;
  /**
   * Offers the first due callback (in the callback queue's fairness order) without an open
   * offer to the longest-idle free agent who speaks its language (or anyone, once it has been
   * due for the rules' wait); null when nothing matched.
   */
  offerNextCallback(rules: OfferRules, now: Date): Promise<OfferRecord | null>;
  openOffer(agentId: string): Promise<OfferRecord | null>;
  /** Takes the agent's open offer if it is still ringing; null when missed, withdrawn or someone else's. */
  takeOffer(id: number, agentId: string, now: Date): Promise<OfferRecord | null>;
  /** The agent's open offer is withdrawn (they went away); returns it. */
  withdrawOffer(agentId: string, now: Date): Promise<OfferRecord | null>;

  /** Opens a conversation; null when the agent already has one open. */
  openConversation(
    agentId: string,
    ref: { kind: "call"; callSid: string } | { kind: "callback"; callbackId: number | null },
    now: Date,
  ): Promise<ConversationRecord | null>;
  setCallback(id: number, callbackId: number): Promise<void>;
  /** A callback's outbound call was answered: the conversation is about that call from now on. */
  setCallSid(id: number, callSid: string): Promise<void>;
  /** Removes a conversation that never started (the claim found no callback). */
  discard(id: number): Promise<void>;
  current(agentId: string): Promise<ConversationRecord | null>;
  /** Records the dial once: false when this conversation (this attempt) was dialled already. */
  markDialled(id: number, now: Date): Promise<boolean>;
  /** The conversation ends and its wrap-up runs until `wrapUpUntil`; null when it had ended. */
  end(
    id: number,
    now: Date,
    wrapUpUntil: Date,
    outcome?: WrapUpOutcome | null,
    note?: string | null,
  ): Promise<ConversationRecord | null>;
  /** Conversations of calls whose caller hung up: ended now, wrap-up until `wrapUpUntil`. */
  endHungUp(now: Date, wrapUpSeconds: number): Promise<ConversationRecord[]>;
  /** Moves the wrap-up's end by `seconds`, once. */
  extend(id: number, seconds: number): Promise<ConversationRecord | null>;
  close(
    id: number,
    result: { outcome: WrapUpOutcome | null; note: string | null; bookingId: number | null },
    now: Date,
  ): Promise<ConversationRecord | null>;
  /** Closes wrap-ups past their time; returns them. */
  closeDueWrapUps(now: Date): Promise<ConversationRecord[]>;
  /** The newest active booking the agent made during the conversation, or null. */
  bookingMadeSince(agentId: string, conversationId: number): Promise<number | null>;
}
