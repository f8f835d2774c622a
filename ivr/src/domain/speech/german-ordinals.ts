// Ordinals and month names, as callers say dates ("am dritten März", "der erste erste").
// All words are in the folded spelling of foldGerman ("März" → "marz", "dreißigste" → "dreisigste").

import { parseCardinalWord } from "./german-number-words.ts";

// Ordinals whose stem is not "<cardinal>t": erst-, dritt-, siebt-, acht- (not "achtt-").
const IRREGULAR_STEMS: ReadonlyMap<string, number> = new Map([
  ["erst", 1],
  ["dritt", 3],
  ["siebt", 7],
  ["acht", 8],
]);

// Declension endings: "dritte", "dritter", "dritten", "drittem", "drittes".
const ENDINGS = ["en", "em", "er", "es", "e"] as const;

/**
 * "dritten" → 3, "einunddreißigste" → 31, "siebente" → 7. German ordinals are
 * cardinal + "t" (2-19) or cardinal + "st" (20 and up), plus a declension ending; a bare stem
 * without ending ("dritt") is not a word, so it is rejected.
 */
export function parseOrdinalWord(word: string): number | null {
  const ending = ENDINGS.find((e) => word.length > e.length + 1 && word.endsWith(e));
  if (ending === undefined) return null;
  const stem = word.slice(0, -ending.length);
  if (!stem.endsWith("t")) return null;

  const irregular = IRREGULAR_STEMS.get(stem);
  if (irregular !== undefined) return irregular;
  // Try "-st" first: "zwanzigst" → "zwanzig". "sechst" also ends in "st" but "sech" is no number,
  // so it falls through to the "-t" rule ("sechs").
  if (stem.endsWith("st")) {
    const value = parseCardinalWord(stem.slice(0, -2));
    if (value !== null && value >= 20) return value;
  }
  const value = parseCardinalWord(stem.slice(0, -1));
  return value !== null && value >= 2 && value <= 19 ? value : null;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["januar", 1],
  ["janner", 1],
  ["jan", 1], // "Jänner": Austrian
  ["februar", 2],
  ["feber", 2],
  ["feb", 2], // "Feber": Austrian
  ["marz", 3],
  ["mrz", 3],
  ["april", 4],
  ["apr", 4],
  ["mai", 5],
  ["juni", 6],
  ["juno", 6],
  ["jun", 6], // "Juno"/"Julei": said to keep Juni and Juli apart
  ["juli", 7],
  ["julei", 7],
  ["jul", 7],
  ["august", 8],
  ["aug", 8],
  ["september", 9],
  ["sept", 9],
  ["sep", 9],
  ["oktober", 10],
  ["okt", 10],
  ["november", 11],
  ["nov", 11],
  ["dezember", 12],
  ["dez", 12],
]);

/** "marz" → 3; abbreviations as a transcriber may write them ("Okt.") are accepted too. */
export function parseMonthName(word: string): number | null {
  return MONTHS.get(word) ?? null;
}
