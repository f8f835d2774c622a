// German number words are compounds: "dreihundertachtunddreißig" = drei·hundert·acht·und·dreißig.
// Words are split into these morphemes, then numbers are read from the morpheme stream with the
// grammar of German numerals. Reading across word boundaries lets "neunzehnhundert achtunddreißig"
// or "drei und dreißig" (transcribed with spaces) come out as one number, while "drei drei" stays
// two numbers, because German grammar never puts a digit word straight after a digit word.

import type { Token } from "./german-text.ts";

export type Morpheme =
  | { kind: "zero" }
  | { kind: "unit"; value: number } // 1-9
  | { kind: "teen"; value: number } // 10-19
  | { kind: "tens"; value: number } // 20, 30, … 90
  | { kind: "und" }
  | { kind: "hundert" }
  | { kind: "tausend" }
  | { kind: "repeat"; times: number }; // "doppel drei" = "33", as people read out phone numbers

export type NumberPiece = Morpheme | { kind: "numeral"; digits: string };

/** One spoken number: "dreiunddreißig" → { digits: "33", value: 33 }; "03" keeps its zero. */
export interface NumberItem {
  digits: string;
  value: number;
}

const unit = (value: number): Morpheme => ({ kind: "unit", value });
const teen = (value: number): Morpheme => ({ kind: "teen", value });
const tens = (value: number): Morpheme => ({ kind: "tens", value });

// Keys are in the folded spelling of foldGerman ("fünf" → "funf", "dreißig" → "dreisig").
const MORPHEMES: ReadonlyMap<string, Morpheme> = new Map<string, Morpheme>([
  ["null", { kind: "zero" }],
  ["eins", unit(1)],
  ["ein", unit(1)],
  ["eine", unit(1)],
  ["zwei", unit(2)],
  ["zwo", unit(2)], // "zwo" is how Germans say 2 on the phone
  ["drei", unit(3)],
  ["vier", unit(4)],
  ["funf", unit(5)],
  ["sechs", unit(6)],
  ["sieben", unit(7)],
  ["acht", unit(8)],
  ["neun", unit(9)],
  ["zehn", teen(10)],
  ["elf", teen(11)],
  ["zwolf", teen(12)],
  ["dreizehn", teen(13)],
  ["vierzehn", teen(14)],
  ["funfzehn", teen(15)],
  ["sechzehn", teen(16)],
  ["siebzehn", teen(17)],
  ["achtzehn", teen(18)],
  ["neunzehn", teen(19)],
  ["zwanzig", tens(20)],
  ["dreisig", tens(30)],
  ["vierzig", tens(40)],
  ["funfzig", tens(50)],
  ["sechzig", tens(60)],
  ["siebzig", tens(70)],
  ["achtzig", tens(80)],
  ["neunzig", tens(90)],
  ["und", { kind: "und" }],
  ["hundert", { kind: "hundert" }],
  ["tausend", { kind: "tausend" }],
  ["doppel", { kind: "repeat", times: 2 }],
  ["doppelt", { kind: "repeat", times: 2 }],
  ["doppelte", { kind: "repeat", times: 2 }],
  ["dreifach", { kind: "repeat", times: 3 }],
]);

const LONGEST_KEY = Math.max(...[...MORPHEMES.keys()].map((k) => k.length));

/** Splits a folded word into number morphemes, or null if any part of it is not one. */
export function segmentNumberWord(word: string): Morpheme[] | null {
  // Longest match first with backtracking. Positions already known to lead nowhere are
  // remembered, so a long garbled transcript cannot make this exponential.
  const deadEnds = new Set<number>();
  const from = (start: number): Morpheme[] | null => {
    if (start === word.length) return [];
    if (deadEnds.has(start)) return null;
    for (let len = Math.min(LONGEST_KEY, word.length - start); len > 0; len--) {
      const morpheme = MORPHEMES.get(word.slice(start, start + len));
      if (morpheme === undefined) continue;
      const rest = from(start + len);
      if (rest !== null) return [morpheme, ...rest];
    }
    deadEnds.add(start);
    return null;
  };
  return word === "" ? null : from(0);
}

interface Read {
  value: number;
  next: number;
}

/** 1-99: "drei", "dreizehn", "dreißig", "dreiunddreißig". */
function readBelow100(pieces: readonly NumberPiece[], at: number): Read | null {
  const head = pieces[at];
  if (head?.kind === "unit") {
    const und = pieces[at + 1];
    const tail = pieces[at + 2];
    if (und?.kind === "und" && tail?.kind === "tens") return { value: head.value + tail.value, next: at + 3 };
    return { value: head.value, next: at + 1 };
  }
  if (head?.kind === "teen" || head?.kind === "tens") return { value: head.value, next: at + 1 };
  return null;
}

/** An optional "und" then a number: "hundert(und)eins". The "und" is only taken with a number. */
function readTail(
  pieces: readonly NumberPiece[],
  at: number,
  read: (pieces: readonly NumberPiece[], at: number) => Read | null,
): Read | null {
  const start = pieces[at]?.kind === "und" ? at + 1 : at;
  return read(pieces, start);
}

/** [1-99] hundert [1-99]; the multiplier may exceed 9, as in "neunzehnhundert" (1900). */
function readHundreds(pieces: readonly NumberPiece[], at: number): Read | null {
  const head = readBelow100(pieces, at);
  const pos = head?.next ?? at;
  if (pieces[pos]?.kind !== "hundert") return head;
  const hundreds = (head?.value ?? 1) * 100;
  const tail = readTail(pieces, pos + 1, readBelow100);
  return tail ? { value: hundreds + tail.value, next: tail.next } : { value: hundreds, next: pos + 1 };
}

/** A whole cardinal starting at `at`: "null", or [hundreds] tausend [hundreds]. */
function readCardinal(pieces: readonly NumberPiece[], at: number): Read | null {
  if (pieces[at]?.kind === "zero") return { value: 0, next: at + 1 };
  const head = readHundreds(pieces, at);
  const pos = head?.next ?? at;
  if (pieces[pos]?.kind !== "tausend") return head;
  const thousands = (head?.value ?? 1) * 1000;
  const tail = readTail(pieces, pos + 1, readHundreds);
  return tail ? { value: thousands + tail.value, next: tail.next } : { value: thousands, next: pos + 1 };
}

/**
 * Reads a stream of numerals and morphemes into the numbers the caller said, greedily:
 * "drei drei hundert" → 3, 300. A stray "und" ("drei und vier") is skipped. Null when a
 * "doppel" has nothing to double.
 */
export function readNumberItems(pieces: readonly NumberPiece[]): NumberItem[] | null {
  const items: NumberItem[] = [];
  let repeat = 1;
  let at = 0;
  while (at < pieces.length) {
    const piece = pieces[at];
    if (piece === undefined) break;
    if (piece.kind === "und") {
      at += 1;
      continue;
    }
    if (piece.kind === "repeat") {
      if (repeat !== 1) return null; // "doppel doppel" is not speech we trust
      repeat = piece.times;
      at += 1;
      continue;
    }
    let digits: string;
    if (piece.kind === "numeral") {
      digits = piece.digits; // as said: "03" keeps its zero
      at += 1;
    } else {
      const read = readCardinal(pieces, at);
      if (read === null) return null;
      digits = String(read.value);
      at = read.next;
    }
    const repeated = digits.repeat(repeat);
    items.push({ digits: repeated, value: Number(repeated) });
    repeat = 1;
  }
  return repeat === 1 ? items : null;
}

/** The value of one word that is a whole cardinal ("dreihundertdreißig" → 330), else null. */
export function parseCardinalWord(word: string): number | null {
  const morphemes = segmentNumberWord(word);
  if (morphemes === null) return null;
  const read = readCardinal(morphemes, 0);
  return read !== null && read.next === morphemes.length ? read.value : null;
}

/**
 * Numbers in a token list, ignoring the given filler words. Null if any other word is present,
 * so that unrelated speech is re-prompted rather than half-understood. May be empty.
 */
export function readNumberTokens(tokens: readonly Token[], fillers: ReadonlySet<string>): NumberItem[] | null {
  const pieces: NumberPiece[] = [];
  for (const token of tokens) {
    if (token.kind === "numeral") {
      pieces.push(token);
      continue;
    }
    const morphemes = segmentNumberWord(token.word);
    if (morphemes !== null) pieces.push(...morphemes);
    else if (!fillers.has(token.word)) return null;
  }
  return readNumberItems(pieces);
}
