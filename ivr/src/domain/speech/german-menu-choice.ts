// Spoken menu choices: "die eins", "zwo", "null" (the operator), "Sternchen", "Raute", and for
// yes/no questions "ja"/"nein". The result is the keypad key the caller would have pressed, so
// the IVR can treat speech and DTMF alike.

import { readNumberTokens } from "./german-number-words.ts";
import { parseOrdinalWord } from "./german-ordinals.ts";
import { fillerSet, tokenizeGerman, type Token } from "./german-text.ts";

export interface MenuChoiceOptions {
  /**
   * Map yes-words to "1" and no-words to "2" (default true). Only takes effect when "1"/"2"
   * are in `allowed`. Menus where 1 and 2 are not "yes"/"no" should pass false, so that a
   * stray "nein" cannot pick option 2.
   */
  yesNo?: boolean;
}

const KEY_WORDS: ReadonlyMap<string, string> = new Map([
  ["stern", "*"],
  ["sternchen", "*"],
  ["sterntaste", "*"],
  ["raute", "#"],
  ["rautetaste", "#"],
  ["rautezeichen", "#"],
]);

const YES_WORDS: ReadonlySet<string> = new Set([
  "ja",
  "jawohl",
  "jaja",
  "genau",
  "richtig",
  "korrekt",
  "stimmt",
  "einverstanden",
]);
// Folded: "nö" → "no". "nicht" turns a yes around: "stimmt nicht", "nicht richtig".
const NO_WORDS: ReadonlySet<string> = new Set(["nein", "nee", "ne", "no", "nicht", "falsch"]);

const MENU_FILLERS: ReadonlySet<string> = fillerSet(
  "taste",
  "option",
  "auswahl",
  "menupunkt",
  "punkt",
  "fur",
  "gerne",
  "gern",
  "drucke",
  "drucken",
  "wahle",
  "wahlen",
  "mochte",
  "mochten",
  "nehme",
  "nehmen",
);

/**
 * The key the caller chose ("1", "0", "*", "#", …) if it is in `allowed`, else null. Null also
 * when the words point at different keys ("nein, die eins") or unknown words remain.
 */
export function parseMenuChoice(
  text: string,
  allowed: readonly string[],
  options: MenuChoiceOptions = {},
): string | null {
  const yesNo = options.yesNo ?? true;
  const candidates = new Set<string>();
  const numberTokens: Token[] = [];
  const noWords = new Set<string>();
  let yes = false;

  for (const token of tokenizeGerman(text)) {
    if (token.kind === "word") {
      const key = KEY_WORDS.get(token.word);
      const ordinal = parseOrdinalWord(token.word); // "die erste" = option 1
      if (key !== undefined) candidates.add(key);
      else if (YES_WORDS.has(token.word)) yes = true;
      else if (NO_WORDS.has(token.word)) noWords.add(token.word);
      else if (ordinal !== null) candidates.add(String(ordinal));
      else numberTokens.push(token);
      continue;
    }
    numberTokens.push(token);
  }

  const items = readNumberTokens(numberTokens, MENU_FILLERS);
  if (items === null) return null;
  if (items.length > 0) candidates.add(items.map((item) => item.digits).join(""));

  if (noWords.size > 0) {
    // A negation is never harmless to ignore; without yes/no mapping it means "ask again".
    if (!yesNo) return null;
    const negatedYes = yes && noWords.size === 1 && noWords.has("nicht");
    if (yes && !negatedYes) return null; // "ja, nein" — contradictory
    candidates.add("2");
  } else if (yes && yesNo) {
    candidates.add("1");
  }

  if (candidates.size !== 1) return null;
  const [choice] = candidates;
  return choice !== undefined && allowed.includes(choice) ? choice : null;
}
