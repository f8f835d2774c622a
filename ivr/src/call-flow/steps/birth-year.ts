// Eligibility first, so nobody types a postcode and a date only to hear "not yet". A year heard
// from speech is said back before it is used (see read-back.ts); a typed one is not.
import { parseYear } from "../../domain/speech/german-numbers.ts";
import { berlinParts } from "../../domain/time/berlin.ts";
import { speechAccepted } from "../hearing.ts";
import type { HandleResult, Step, StepContext } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const birthYear: Step = {
  name: "birth-year",
  enter({ state }) {
    const ask = speechAccepted(state) ? say("birth_year.ask") : say("birth_year.ask_keys");
    return entry("birth-year", [ask], { numDigits: 4, hints: "neunzehnhundert, 1938, 1940" });
  },
  handle(ctx, input) {
    const { state, deps } = ctx;
    const invalid = { invalid: speechAccepted(state) ? "birth_year.invalid" : "birth_year.invalid_keys" };
    const now = deps.clock.now();
    const digits = digitsOnly(input);
    const year = digits
      ? /^\d{4}$/.test(digits)
        ? Number(digits)
        : null
      : input.speech
        ? parseYear(input.speech, now)
        : null;
    if (year === null || year < 1900 || year > berlinParts(now).year) return invalid;
    if (!digits) {
      state.readBack = { of: "birth-year", value: String(year) };
      return { goto: "read-back" };
    }
    return acceptBirthYear(ctx, year);
  },
};

export function acceptBirthYear({ state, deps }: StepContext, year: number): HandleResult {
  state.birthYear = year;
  // Turning 80 later this year is decided by the exact birth date further on.
  if (berlinParts(deps.clock.now()).year - year < deps.settings.minAge) return { goto: "not-eligible" };
  return { goto: "postcode" };
}
