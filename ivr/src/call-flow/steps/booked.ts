// The booking code, slowly, in groups, twice; then: hear it again, book for another person
// in the household (same centre, close in time), or end the call.
import type { Step } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
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
  enter({ state }) {
    const last = state.bookings[state.bookings.length - 1];
    if (!last) return { prompts: [], redirect: "main-menu" };
    const canAddPerson = state.bookings.length < MAX_BOOKINGS_PER_CALL;
    return menu(
      "booked",
      [say(canAddPerson ? "booked.options" : "booked.options_no_household")],
      [
        pairPrompt("booked.done", last, state.language),
        // A rebooking keeps the code the caller already has; it is read all the same.
        say(last.rebooked ? "booked.code_kept" : "booked.code_intro"),
        { code: last.code },
        { pause: 1 },
        say("booked.code_again"),
        { code: last.code },
        { pause: 1 },
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
      state.birthDate = undefined;
      state.nameRecordingUrl = undefined;
      state.held = undefined;
      return { goto: "offer", prompts: [say("booked.household_intro")] };
    }
    return { invalid: "common.invalid_choice" };
  },
  giveUp: () => ({ goto: "goodbye" }),
};
