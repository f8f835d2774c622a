// The vaccinated person's birth date on the keypad (DDMMYYYY) or spoken ("dritter März
// achtunddreißig"); the exact date decides eligibility for those turning 80 this year.
import { ageOn } from "../../domain/ledger/person.ts";
import { parseDate } from "../../domain/speech/german-numbers.ts";
import { isoDate } from "../../domain/time/berlin.ts";
import { speechAccepted } from "../hearing.ts";
import type { Step } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const birthDate: Step = {
  name: "birth-date",
  enter({ state }) {
    return entry("birth-date", [speechAccepted(state) ? say("birth_date.ask") : say("birth_date.ask_keys")], {
      numDigits: 8,
      hints: "dritter März neunzehnhundertachtunddreißig, 03031938",
    });
  },
  handle({ state, deps }, input) {
    const now = deps.clock.now();
    const digits = digitsOnly(input);
    const date = digits !== null ? fromKeypad(digits) : input.speech ? parseDate(input.speech, now) : null;
    if (!date) return { invalid: "birth_date.invalid" };
    const iso = isoDate(date.year, date.month, date.day);
    const age = ageOn(iso, now);
    if (age === null) return { invalid: "birth_date.invalid" };
    if (age < deps.settings.minAge) return { goto: "not-eligible" };
    state.birthDate = iso;
    state.birthYear = date.year;
    return { goto: state.nameRecordingUrl ? "confirm" : "name" };
  },
};

function fromKeypad(digits: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}
