// Which hold an agent's new hold replaces. An agent holds a pair for someone in a conversation
// (the call on the line, the callback being worked, or none): one live hold per conversation
// and household member, so trying pair after pair moves one hold instead of blocking each
// place tried (one agent held one slot 7 times). The database keeps the rule (a unique index
// on the scope); these limits bound what a console can ask for.
import { DomainError } from "../errors.ts";

/** People booked in one conversation, the caller included (a household rarely has more). */
export const HOUSEHOLD_MEMBERS = 10;
/** Live holds of one agent across conversations (holds of conversations just ended run out by themselves). */
export const AGENT_LIVE_HOLDS = 2 * HOUSEHOLD_MEMBERS;

/** The household member a hold is for (0: the first person), or the booking being moved. */
export type HoldMember = number | "rebook";

export interface Conversation {
  callSid: string | null;
  callbackId: number | null;
}

export function holdScope(agentId: string, conversation: Conversation, member: HoldMember = 0): string {
  if (member !== "rebook" && !(Number.isInteger(member) && member >= 0 && member < HOUSEHOLD_MEMBERS))
    throw new DomainError("hold_limit", { member });
  const talk = conversation.callSid
    ? `call:${conversation.callSid}`
    : conversation.callbackId !== null
      ? `callback:${conversation.callbackId}`
      : "desk";
  return `agent:${agentId}|${talk}|${member === "rebook" ? "rebook" : `person:${member}`}`;
}
