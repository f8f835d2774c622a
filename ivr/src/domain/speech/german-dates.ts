// Birth dates as callers say them or as Twilio writes them down: "dritter März achtunddreißig",
// "am dritten dritten neunzehnhundertachtunddreißig", "3.3.1938", "3. März 1938", or the keypad
// style "03031938". The date must exist (no 31. Februar) and must not lie in the future.

import { readNumberItems, segmentNumberWord, type NumberItem, type NumberPiece } from "./german-number-words.ts";
import { parseMonthName, parseOrdinalWord } from "./german-ordinals.ts";
import { fillerSet, tokenizeGerman } from "./german-text.ts";
import { YEAR_FILLERS, yearFromItems } from "./german-years.ts";

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

type DatePart =
  { kind: "number"; item: NumberItem } | { kind: "ordinal"; value: number } | { kind: "month"; value: number };

const DATE_FILLERS: ReadonlySet<string> = fillerSet(
  ...YEAR_FILLERS,
  "am",
  "den",
  "dem",
  "des",
  "geburtstag",
  "geburtsdatum",
  "datum",
  "punkt",
);

/**
 * Splits the text into numbers, ordinals and month names. Number words between them are read
 * together, so "dritten neunzehnhundert achtunddreißig" yields one year; ordinals and month
 * names end such a run.
 */
function readDateParts(text: string): DatePart[] | null {
  const parts: DatePart[] = [];
  let run: NumberPiece[] = [];
  const flush = (): boolean => {
    const items = readNumberItems(run);
    run = [];
    if (items === null) return false;
    for (const item of items) parts.push({ kind: "number", item });
    return true;
  };
  for (const token of tokenizeGerman(text)) {
    if (token.kind === "numeral") {
      run.push(token);
      continue;
    }
    const morphemes = segmentNumberWord(token.word);
    if (morphemes !== null) {
      run.push(...morphemes);
      continue;
    }
    if (DATE_FILLERS.has(token.word)) continue;
    const month = parseMonthName(token.word);
    const ordinal = parseOrdinalWord(token.word);
    if (!flush()) return null;
    if (month !== null) parts.push({ kind: "month", value: month });
    else if (ordinal !== null) parts.push({ kind: "ordinal", value: ordinal });
    else return null;
  }
  return flush() ? parts : null;
}

/** A day or month given as an ordinal ("dritten") or a short number ("3", "03"). */
function smallNumber(part: DatePart | undefined): number | null {
  if (part?.kind === "ordinal") return part.value;
  if (part?.kind === "number" && part.item.digits.length <= 2) return part.item.value;
  return null;
}

function yearOf(parts: readonly DatePart[], now: Date): number | null {
  const items: NumberItem[] = [];
  for (const part of parts) {
    if (part.kind !== "number") return null;
    items.push(part.item);
  }
  return yearFromItems(items, now);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date if it exists in the calendar and is not after `now` (in the process time zone). */
function validDate(year: number | null, month: number | null, day: number | null, now: Date): CalendarDate | null {
  if (year === null || month === null || day === null) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const today = now.getFullYear() * 10_000 + (now.getMonth() + 1) * 100 + now.getDate();
  if (year * 10_000 + month * 100 + day > today) return null;
  return { year, month, day };
}

/** "dritter März achtunddreißig": exactly one day before the month name, the year after it. */
function withMonthName(parts: readonly DatePart[], now: Date): CalendarDate | null {
  const at = parts.findIndex((p) => p.kind === "month");
  const month = parts[at];
  if (at !== 1 || month?.kind !== "month") return null;
  return validDate(yearOf(parts.slice(2), now), month.value, smallNumber(parts[0]), now);
}

/** "dritten dritten 1938", "3.3.1938": day, month, then the year in one or more parts. */
function dayMonthYear(parts: readonly DatePart[], now: Date): CalendarDate | null {
  if (parts.length < 3) return null;
  return validDate(yearOf(parts.slice(2), now), smallNumber(parts[1]), smallNumber(parts[0]), now);
}

/** Keypad style, however the digits were grouped: DDMMYYYY or DDMMYY. */
function keypadDigits(parts: readonly DatePart[], now: Date): CalendarDate | null {
  let digits = "";
  for (const part of parts) {
    if (part.kind !== "number") return null;
    digits += part.item.digits;
  }
  if (digits.length !== 8 && digits.length !== 6) return null;
  const yearDigits = digits.slice(4);
  const year = yearDigits.length === 4 ? Number(yearDigits) : 1900 + Number(yearDigits);
  if (year < 1900) return null;
  return validDate(year, Number(digits.slice(2, 4)), Number(digits.slice(0, 2)), now);
}

/** A birth date, or null if it cannot be read unambiguously or does not exist. */
export function parseDate(text: string, now: Date): CalendarDate | null {
  const parts = readDateParts(text);
  if (parts === null || parts.length === 0) return null;
  // A month name fixes the reading; otherwise try day-month-year parts, then a digit block.
  if (parts.some((p) => p.kind === "month")) return withMonthName(parts, now);
  return dayMonthYear(parts, now) ?? keypadDigits(parts, now);
}
