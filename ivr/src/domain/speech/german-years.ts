// Birth years. Our callers are 80 and older, so a two-digit year ("achtunddreißig", "38") means
// 19xx, and anything before 1900 or after the current year is a mishearing.

import { readNumberTokens, type NumberItem } from "./german-number-words.ts";
import { fillerSet, tokenizeGerman } from "./german-text.ts";

/** Words around a spoken year: "ich bin im Jahr 1938 geboren", "Jahrgang 38". */
export const YEAR_FILLERS: ReadonlySet<string> = fillerSet(
  "jahr",
  "jahrgang",
  "geburtsjahr",
  "geboren",
  "bin",
  "im",
  "in",
  "sind",
  "wurde",
  "von",
);

/** The year as written, before the plausibility check. */
function readYear(items: readonly NumberItem[]): number | null {
  const [first, second] = items;
  // Twilio sometimes renders "neunzehnhundert achtunddreißig" as "1900 38": add, don't join.
  if (
    items.length === 2 &&
    first !== undefined &&
    second !== undefined &&
    first.digits.length === 4 &&
    first.value % 100 === 0 &&
    second.digits.length <= 2 &&
    second.value > 0
  ) {
    return first.value + second.value;
  }
  // Otherwise the parts are joined: "1938", "19 38", "1 9 3 8", "neunzehn achtunddreißig".
  const digits = items.map((item) => item.digits).join("");
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) return 1900 + Number(digits);
  return null;
}

/** A plausible birth year from already-read numbers, or null. */
export function yearFromItems(items: readonly NumberItem[], now: Date): number | null {
  const year = readYear(items);
  if (year === null || year < 1900 || year > now.getFullYear()) return null;
  return year;
}

/** "1938", "neunzehnhundertachtunddreißig", "achtunddreißig" → 1938; null if implausible. */
export function parseYear(text: string, now: Date): number | null {
  const items = readNumberTokens(tokenizeGerman(text), YEAR_FILLERS);
  return items === null ? null : yearFromItems(items, now);
}
