// What a caller gives at the code prompt: the keypad digits typed, or said in any grouping
// ("vier sechs drei", "vierhundertdreiundsechzig"); the written code spelled out when the
// speech engine heard it exactly (its check character proves that); or that they lost it.
import { parseBookingCode } from "../../domain/ledger/booking-code.ts";
import { readNumberTokens } from "../../domain/speech/german-number-words.ts";
import { fillerSet, tokenizeGerman } from "../../domain/speech/german-text.ts";
import { matchOptionWords } from "../../domain/speech/option-words.ts";
import type { CallerInput } from "../types.ts";
import { digitsOnly } from "./step-kit.ts";

/** Keypad codes use the digits 2-9 only, so "1" cannot begin one: it asks for the search. */
export const LOST_CODE_KEY = "1";
export const CODE_DIGITS = 12;
export const CODE_HINTS = "vier sechs drei, fünf sieben neun, Code verloren";

export type CodeInput =
  | { code: string }
  | { lost: true }
  /** Letters were said and could not be read exactly: ask for the digits. */
  | { letters: true }
  /** Digits, but not twelve of them. */
  | { digitCount: number }
  | null;

const CODE_FILLERS = fillerSet("mein", "meine", "der", "die", "code", "buchungscode", "ist", "lautet", "also", "und");
const LOST_WORDS = {
  lost: ["verloren", "vergessen", "nicht mehr", "kein code", "keinen code", "weiss nicht", "finde", "nicht da"],
};

export function readCode(input: CallerInput): CodeInput {
  if (input.digits) return fromDigits(digitsOnly(input) ?? "");
  const speech = input.speech ?? "";
  if (matchOptionWords(speech, LOST_WORDS) === "lost") return { lost: true };
  const items = readNumberTokens(tokenizeGerman(speech), CODE_FILLERS);
  if (items !== null && items.length > 0) return fromDigits(items.map((item) => item.digits).join(""));
  // "7 K Q M P 2 X D 9 H T A": accepted only when all twelve characters arrived and the check
  // character agrees, so a misheard P for B is never looked up.
  const written = parseBookingCode(speech.replace(/[^\p{L}\p{N}]/gu, ""));
  if (written.ok && written.kind === "code") return { code: written.code };
  return /\p{L}/u.test(speech) && /\d|\b\p{L}\b/u.test(speech) ? { letters: true } : null;
}

function fromDigits(digits: string): CodeInput {
  if (digits === LOST_CODE_KEY) return { lost: true };
  return digits.length === CODE_DIGITS ? { code: digits } : { digitCount: digits.length };
}
