// The vaccinated person's birth date on the keypad (DDMMYYYY) or spoken ("dritter März
// achtunddreißig"); the exact date decides eligibility for those turning 80 this year.
import { ageOn } from "../../domain/ledger/person.ts";
import { speechAccepted } from "../hearing.ts";
import type { FlowDeps, Step } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { nextDetail } from "./contact-steps.ts";
import { entry, say } from "./step-kit.ts";

export const birthDate: Step = {
  name: "birth-date",
  enter({ state }) {
    // The year was asked at the start: day and month are enough (four keys, not eight).
    const spoken = speechAccepted(state);
    const ask = state.birthYear
      ? say(spoken ? "birth_date.ask_day" : "birth_date.ask_day_keys")
      : say(spoken ? "birth_date.ask" : "birth_date.ask_keys");
    return entry("birth-date", [ask], {
      numDigits: state.birthYear ? 4 : 8,
      hints: BIRTH_DATE_HINTS,
    });
  },
  handle({ state, deps }, input) {
    const now = deps.clock.now();
    const date = readBirthDate(input, now, state.birthYear);
    if (!date) return { invalid: state.birthYear ? "birth_date.invalid_day" : "birth_date.invalid" };
    const iso = date.iso;
    const age = ageOn(iso, now);
    if (age === null) return { invalid: "birth_date.invalid" };
    if (age < deps.settings.minAge) {
      const announced = age >= waitlistFromAge(deps);
      // Registering already: the announced group may go on. Otherwise the exact date decides
      // whether the waiting list is offered (not again on the birth year's estimate).
      if (!(announced && state.waitlist)) {
        state.tooYoung = !announced;
        return { goto: "not-eligible" };
      }
      state.waitlist.reason = "announced";
    }
    state.birthDate = iso;
    state.birthYear = date.year;
    return { goto: nextDetail(state) };
  },
};

/** The youngest age that may register on the waiting list (minAge unless a group is announced). */
export function waitlistFromAge(deps: Pick<FlowDeps, "settings" | "waitlist">): number {
  if (!deps.waitlist) return deps.settings.minAge;
  return Math.min(deps.settings.waitlistFromAge ?? deps.settings.minAge, deps.settings.minAge);
}
