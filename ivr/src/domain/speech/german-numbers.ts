// German speech → numbers for the IVR: Twilio transcribes what the caller said (SpeechResult)
// and these parsers turn it into digits, postcodes, birth years, birth dates and menu choices.
// Pure functions; every parser returns null rather than guess, so the IVR can ask again.
//
// This file is the entry point; the pieces live beside it:
//   german-text.ts          spelling folding, tokens, filler words
//   german-number-words.ts  compound number words ("dreihundertdreißig") and digit runs
//   german-ordinals.ts      ordinals ("dritten") and month names
//   german-years.ts, german-dates.ts, german-menu-choice.ts

import { readNumberTokens } from "./german-number-words.ts";
import { BASE_FILLERS, tokenizeGerman } from "./german-text.ts";

export { parseYear } from "./german-years.ts";
export { parseDate, type CalendarDate } from "./german-dates.ts";
export { parseMenuChoice, type MenuChoiceOptions } from "./german-menu-choice.ts";

/**
 * A spoken digit sequence: "drei drei drei drei null", "dreiunddreißig dreihundertdreißig",
 * "33 330" and "3 3 3 3 0" all give "33330". Each spoken number contributes its digits in order;
 * "doppel drei" gives "33". Null when no number was said or an unknown word remains.
 */
export function parseDigitString(text: string): string | null {
  const items = readNumberTokens(tokenizeGerman(text), BASE_FILLERS);
  if (items === null || items.length === 0) return null;
  return items.map((item) => item.digits).join("");
}

/** A German postcode: exactly five digits, else null. */
export function parsePostcode(text: string): string | null {
  const digits = parseDigitString(text);
  return digits !== null && /^\d{5}$/.test(digits) ? digits : null;
}
