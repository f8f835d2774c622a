// After booking: what the caller needs to come (where the centre is, what to bring, how the
// confirmation reaches them), the booking code, slowly, twice; then: hear the code again, book
// for another person in the household (same centre, close in time), or end the call. All of it
// inside the Gather, so a caller who has what they need can press 3 at any moment.
import type { Prompt, Step, StepContext } from "../types.ts";
import { isGermanMobile } from "../../domain/telephony/phone-number.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const MAX_BOOKINGS_PER_CALL = 3;

const BOOKED_WORDS = {
  "1": ["code", "buchungscode"],
  "2": ["weitere person", "andere person"],
  "3": ["beenden", "auflegen", "tschüss", "danke"],
};

export const booked: Step = {
  name: "booked",
  // The booking is made and the code was read twice: silence means the caller is done.
  acceptsSilence: true,
  enter(ctx) {
    const { state } = ctx;
    const last = state.bookings[state.bookings.length - 1];
    if (!last) return { prompts: [], redirect: "main-menu" };
    const canAddPerson = state.bookings.length < MAX_BOOKINGS_PER_CALL;
    // "1" (the code again) comes back here: then the code alone, not the whole news again.
    const again = state.path[state.path.length - 2] === "booked";
    return menu(
      "booked",
      [say(canAddPerson ? "booked.options" : "booked.options_no_household")],
      [
        ...(again ? [] : [say("booked.done"), ...whatToKnow(ctx, last.centreId)]),
        // A rebooking keeps the code the caller already has; it is read all the same.
        say(last.rebooked ? "booked.code_kept" : "booked.code_intro"),
        { code: last.code },
        say("booked.code_again"),
        { code: last.code },
      ],
    );
  },
  handle({ state }, input) {
    if (!input.digits && !input.speech) return { goto: "goodbye" };
    const canAddPerson = state.bookings.length < MAX_BOOKINGS_PER_CALL;
    const choice = readChoice(input, canAddPerson ? ["1", "2", "3"] : ["1", "3"], { words: BOOKED_WORDS });
    if (choice === "1") return { goto: "booked" };
    if (choice === "3") return { goto: "goodbye" };
    const last = state.bookings[state.bookings.length - 1];
    if (choice === "2" && last) {
      // Same centre, close in time: offer from the household member's own first appointment on.
      state.centreId = last.centreId;
      state.offerAfter = last.firstStartsAt;
      // A new person, the same household: name and birth date again, the address stays.
      state.birthDate = undefined;
      state.birthYear = undefined;
      state.nameRecordingUrl = undefined;
      state.spokenName = undefined;
      state.held = undefined;
      return { goto: "offer", prompts: [say("booked.household_intro")] };
    }
    return { invalid: "common.invalid_choice" };
  },
  giveUp: () => ({ goto: "goodbye" }),
};

/**
 * Where to go, what to bring, how the confirmation comes. A centre without a known street is
 * named by its town, with the address to follow in writing: an address is never guessed.
 */
function whatToKnow({ state, deps }: StepContext, centreId: number): Prompt[] {
  const centre = deps.ledger.geography.districtOfCentre(centreId)?.centre;
  const where = !centre
    ? []
    : !centre.street
      ? [say("booked.town_only", { city: centre.city })]
      : // "Impfzentrum Gütersloh" was said already: the town again only where it differs.
        centre.name.includes(centre.city)
        ? [say("booked.address_in_town", { street: centre.street })]
        : [say("booked.address", { street: centre.street, city: centre.city })];
  // The address step already said the letter is coming; a caller who was not asked hears it here.
  const letterSaid = Boolean(state.street || state.addressRecordingUrl);
  // An accepted invitation knows its way (SMS only with the person's consent, else a letter).
  const bySms = state.confirmationBy ? state.confirmationBy === "sms" : isGermanMobile(state.from);
  const confirmation = bySms ? [say("booked.by_sms")] : letterSaid ? [] : [say("booked.by_letter")];
  return [...where, say("booked.bring"), ...confirmation];
}
