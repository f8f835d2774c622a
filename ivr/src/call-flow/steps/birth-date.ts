// The vaccinated person's birth date on the keypad (DDMMYYYY) or spoken ("dritter März
// achtunddreißig"); the exact date decides eligibility for those turning 80 this year.
import { ageOn } from "../../domain/ledger/person.ts";
import { speechAccepted } from "../hearing.ts";
import type { Step } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { entry, say } from "./step-kit.ts";

export const birthDate: Step = {
  name: "birth-date",
  enter({ state }) {
    return entry("birth-date", [speechAccepted(state) ? say("birth_date.ask") : say("birth_date.ask_keys")], {
      numDigits: 8,
      hints: BIRTH_DATE_HINTS,
    });
  },
  handle({ state, deps }, input) {
    const now = deps.clock.now();
    const date = readBirthDate(input, now);
    if (!date) return { invalid: "birth_date.invalid" };
    const iso = date.iso;
    const age = ageOn(iso, now);
    if (age === null) return { invalid: "birth_date.invalid" };
    if (age < deps.settings.minAge) return { goto: "not-eligible" };
    state.birthDate = iso;
    state.birthYear = date.year;
    return { goto: state.nameRecordingUrl ? "confirm" : "name" };
  },
};
