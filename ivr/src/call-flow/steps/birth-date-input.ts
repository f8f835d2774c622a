// A birth date from the keypad (DDMMYYYY) or from speech ("dritter März achtunddreißig"), as
// the booking asks for it and as a code holder proves who they are before anything is read out.
import { parseDate, type CalendarDate } from "../../domain/speech/german-numbers.ts";
import { isoDate } from "../../domain/time/berlin.ts";
import type { CallerInput } from "../types.ts";
import { digitsOnly } from "./step-kit.ts";

export const BIRTH_DATE_HINTS = "dritter März neunzehnhundertachtunddreißig, 03031938";

/** The date and its YYYY-MM-DD form, or null when nothing sensible was typed or said. */
export function readBirthDate(
  input: CallerInput,
  now: Date,
  knownYear?: number,
): (CalendarDate & { iso: string }) | null {
  const digits = digitsOnly(input);
  const date =
    digits !== null
      ? fromKeypad(digits, knownYear)
      : input.speech
        ? (parseDate(input.speech, now) ?? (knownYear ? parseDate(`${input.speech} ${knownYear}`, now) : null))
        : null;
  return date ? { ...date, iso: isoDate(date.year, date.month, date.day) } : null;
}

/** DDMMYYYY, or DDMM when the year is known already (the caller gave it at the start). */
function fromKeypad(digits: string, knownYear?: number): CalendarDate | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(knownYear && digits.length === 4 ? `${digits}${knownYear}` : digits);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}
