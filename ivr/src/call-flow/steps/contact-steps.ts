// Shared by the name and address steps: what was heard, and where the call goes once the name
// (and, for a letter, the address) is settled. A caller without a mobile phone gets the
// confirmation by letter, so they are asked for street and house number; the town comes from
// the postcode. A household member booked in the same call lives at the same address.
import { isGermanMobile } from "../../domain/telephony/phone-number.ts";
import type { CallState, FlowDeps, StepName } from "../types.ts";

/** Speech worth saying back: letters, at most 120 characters, no markup. */
export function heardText(speech: string | null | undefined): string | null {
  const text = (speech ?? "")
    .replace(/[<>&"{}[\]\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?]+$/, "");
  return /\p{L}{2}/u.test(text) && text.length <= 120 ? text : null;
}

export function needsLetter(state: CallState): boolean {
  return !state.rebookPerson && !isGermanMobile(state.from);
}

export function hasName(state: CallState): boolean {
  return Boolean(state.spokenName || state.nameRecordingUrl);
}

export function hasAddress(state: CallState): boolean {
  return Boolean(state.street || state.addressRecordingUrl || state.addressGivenUp);
}

/** After the name: the address for a letter, if not known yet, else the summary. */
export function afterName(state: CallState): StepName {
  return needsLetter(state) && !hasAddress(state) ? "address" : "confirm";
}

/** After the offer or the birth date: whatever of name and address is still missing. */
export function nextDetail(state: CallState): StepName {
  if (state.rebookPerson) return "confirm";
  return hasName(state) ? afterName(state) : "name";
}

/** The town of a postcode when it has exactly one; otherwise the agent picks it. */
export function townOf(deps: FlowDeps, postcode: string | undefined): string | null {
  if (!postcode) return null;
  const places = deps.ledger.geography.placesOf(postcode);
  return places.length === 1 ? places[0]! : null;
}
