// Eligibility first, so nobody types a postcode and a date only to hear "not yet".
import { parseYear } from "../../domain/speech/german-numbers.ts";
import { berlinParts } from "../../domain/time/berlin.ts";
import type { Step } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const birthYear: Step = {
  name: "birth-year",
  enter() {
    return entry("birth-year", [say("birth_year.ask")], { numDigits: 4, hints: "neunzehnhundert, 1938, 1940" });
  },
  handle({ state, deps }, input) {
    const now = deps.clock.now();
    const digits = digitsOnly(input);
    const year = digits
      ? /^\d{4}$/.test(digits)
        ? Number(digits)
        : null
      : input.speech
        ? parseYear(input.speech, now)
        : null;
    const thisYear = berlinParts(now).year;
    if (year === null || year < 1900 || year > thisYear) return { invalid: "birth_year.invalid" };
    state.birthYear = year;
    // Turning 80 later this year is decided by the exact birth date further on.
    if (thisYear - year < deps.settings.minAge) return { goto: "not-eligible" };
    return { goto: "postcode" };
  },
};
