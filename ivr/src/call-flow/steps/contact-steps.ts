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
  if (state.waitlist) return waitlistNext(state);
  return needsLetter(state) && !hasAddress(state) ? "address" : "confirm";
}

/** After the offer or the birth date: whatever of name and address is still missing. */
export function nextDetail(state: CallState): StepName {
  if (state.waitlist) return waitlistNext(state);
  if (state.rebookPerson) return "confirm";
  return hasName(state) ? afterName(state) : "name";
}

/** The town of a postcode when it has exactly one; otherwise the agent picks it. */
export function townOf(deps: FlowDeps, postcode: string | undefined): string | null {
  if (!postcode) return null;
  const places = deps.ledger.geography.placesOf(postcode);
  return places.length === 1 ? places[0]! : null;
}

/**
 * Registering on the waiting list: whatever is still missing, in the order it is asked. The
 * street is always asked (a letter is the last way to reach anyone the calls miss).
 */
export function waitlistNext(state: CallState): StepName {
  if (!state.birthDate) return "birth-date";
  // An announced group hears the offer before the postcode is asked (the birth year decides).
  if (state.districtId === undefined) return "postcode";
  if (!state.spokenName) return "name";
  if (!state.street && !state.addressGivenUp) return "address";
  if (!state.waitlist?.needs) return "waitlist-needs";
  if (!state.waitlist?.contact) return "waitlist-contact";
  return "waitlist-confirm";
}
