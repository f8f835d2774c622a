// Text clean-up shared by the German speech parsers. Twilio's SpeechResult arrives in many
// spellings of the same word ("fünf", "fuenf", "funf"; "dreißig", "dreissig"), with
// punctuation, and sometimes with numbers already rendered as digits ("33 330", "3.3.1938").
// Everything is folded to one ASCII spelling first, so the word tables only list each word once.

export type Token = { kind: "numeral"; digits: string } | { kind: "word"; word: string };

/**
 * Lower-cases and folds German spelling variants to one ASCII form:
 * ä/ae → a, ö/oe → o, ü/ue → u, ß/ss → s. Lossy on purpose ("fuenf", "fünf", "funf" all become
 * "funf"); the word tables in this folder are written in this folded form.
 */
export function foldGerman(text: string): string {
  return (
    text
      .toLowerCase()
      // NFD splits "ü" into "u" + combining diaeresis; dropping the marks also covers
      // decomposed input, which some speech engines emit.
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss")
      .replace(/ae/g, "a")
      .replace(/oe/g, "o")
      .replace(/ue/g, "u")
      .replace(/ss/g, "s")
  );
}

/**
 * Splits speech text into numerals and folded words. Punctuation separates tokens; dots inside
 * numerals split them too, because Twilio renders "33330" as "33.330" at times and a date as
 * "3.3.1938" — every consumer here wants the parts. "*" and "#" become the words the keypad
 * keys are called, so the menu parser sees one vocabulary.
 */
export function tokenizeGerman(text: string): Token[] {
  const spaced = text.replace(/\*/g, " stern ").replace(/#/g, " raute ");
  const tokens: Token[] = [];
  for (const chunk of foldGerman(spaced).split(/[^a-z0-9]+/)) {
    if (chunk === "") continue;
    // "3ter", "21sten": a numeral with an ordinal ending; the number is what matters.
    const ordinalNumeral = /^(\d+)(?:s?te[nrms]?)$/.exec(chunk);
    if (/^\d+$/.test(chunk)) tokens.push({ kind: "numeral", digits: chunk });
    else if (ordinalNumeral?.[1] !== undefined) tokens.push({ kind: "numeral", digits: ordinalNumeral[1] });
    // Anything else, including letters glued to digits ("a1"), is a word; no table knows
    // "a1", so the parsers give up on it rather than guess.
    else tokens.push({ kind: "word", word: chunk });
  }
  return tokens;
}

/**
 * Words callers wrap around numbers ("ähm, also meine Postleitzahl ist …"). Listed folded.
 * Deliberately small: any other word makes a parser give up, so that a caller saying something
 * else entirely ("hallo wer ist da") is re-prompted instead of being misread.
 */
export const BASE_FILLERS: ReadonlySet<string> = new Set([
  // hesitations (folded: "ähm" → "ahm", "äh" → "ah")
  "ah",
  "ahm",
  "ahem",
  "eh",
  "ehm",
  "em",
  "hm",
  "hmm",
  "mhm",
  "mh",
  "oh",
  // discourse words
  "also",
  "ja",
  "so",
  "na",
  "nun",
  "gut",
  "okay",
  "ok",
  "bitte",
  "danke",
  "genau",
  "moment",
  "und",
  "dann",
  "noch",
  "mal",
  "nochmal",
  "einmal",
  // "meine Postleitzahl ist / lautet / wäre / heißt"
  "ist",
  "lautet",
  "ware",
  "war",
  "heist",
  "die",
  "der",
  "das",
  "meine",
  "mein",
  "unsere",
  "unser",
  "ich",
  "habe",
  "hab",
  "wir",
  "haben",
  "nummer",
  "zahl",
  "postleitzahl",
  "postleitzahlen",
  "plz",
]);

export function fillerSet(...extra: readonly string[]): ReadonlySet<string> {
  return new Set([...BASE_FILLERS, ...extra]);
}
