// Booking codes: 12 characters, shown as XXXX-XXXX-XXXX, e.g. "7KQM-P2XD-9HTA".
//
// The alphabet has 31 symbols: digits 2-9 and the letters without look-alikes (no 0/O,
// 1/I/L). 31 is prime, so a weighted check character (sum of i * value(i) = 0 mod 31)
// catches every single wrong character and every swap of two neighbours before any
// database lookup.
//
// Phone keypads: every code also has a keypad form, the 12 digits a caller presses when
// typing the code letter by letter on a phone (A, B, C on 2; P, Q, R, S on 7; ...). That
// form is lossy, so it is stored as its own unique column, and codes are only issued when
// their keypad form also passes the Luhn check: a mistyped keypad code is detected too.
// Keypad forms use digits 2-9 only, where Luhn catches all neighbour swaps.
//
// On the phone the keypad form is the code: it is read out and typed (or spoken) as digits in
// groups of three ("463 579 284 665"), because letters do not survive a landline (B/P, D/T and
// M/N sound alike) and big-button phones often print no letters. The written form stays for
// letters, SMS and agents; both are shown together with the same grouping.
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const MODULUS = CODE_ALPHABET.length; // 31
const KEYPAD: Record<string, string> = {
  A: "2",
  B: "2",
  C: "2",
  D: "3",
  E: "3",
  F: "3",
  G: "4",
  H: "4",
  J: "5",
  K: "5",
  M: "6",
  N: "6",
  P: "7",
  Q: "7",
  R: "7",
  S: "7",
  T: "8",
  U: "8",
  V: "8",
  W: "9",
  X: "9",
  Y: "9",
  Z: "9",
};

export interface BookingCode {
  code: string; // 12 characters, no dashes
  keypad: string; // 12 digits
}

export function generateBookingCode(random: (max: number) => number = randomInt): BookingCode {
  for (;;) {
    let body = "";
    for (let i = 0; i < 11; i++) body += CODE_ALPHABET[random(MODULUS)];
    const code = body + checkCharacter(body);
    const keypad = keypadForm(code);
    if (luhnValid(keypad)) return { code, keypad };
  }
}

export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]!);
  const weight = body.length + 1;
  // value * weight = -sum (mod 31); weight is invertible because 31 is prime.
  const inverse = modInverse(weight, MODULUS);
  const value = (((MODULUS - (sum % MODULUS)) % MODULUS) * inverse) % MODULUS;
  return CODE_ALPHABET[value]!;
}

export type CodeParse =
  | { ok: true; kind: "code"; code: string }
  | { ok: true; kind: "keypad"; keypad: string }
  | { ok: false; error: "code_invalid" };

/** Accepts "7KQM-P2XD-9HTA", "7kqm p2xd 9hta" or the 12-digit keypad form. */
export function parseBookingCode(input: string): CodeParse {
  const cleaned = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (/^\d{12}$/.test(cleaned)) {
    return /^[2-9]{12}$/.test(cleaned) && luhnValid(cleaned)
      ? { ok: true, kind: "keypad", keypad: cleaned }
      : { ok: false, error: "code_invalid" };
  }
  if (cleaned.length !== 12 || [...cleaned].some((c) => !CODE_ALPHABET.includes(c))) {
    return { ok: false, error: "code_invalid" };
  }
  return checkCharacter(cleaned.slice(0, 11)) === cleaned[11]
    ? { ok: true, kind: "code", code: cleaned }
    : { ok: false, error: "code_invalid" };
}

export function formatBookingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

/** Digits per group when the keypad form is read, typed or printed: 463 579 284 665. */
export const KEYPAD_GROUP_SIZE = 3;

/** "463579284665" → ["463", "579", "284", "665"] (also from a written code, via its keypad form). */
export function keypadGroups(codeOrKeypad: string): string[] {
  const keypad = keypadForm(codeOrKeypad.toUpperCase().replace(/[\s\-_.]/g, ""));
  const groups: string[] = [];
  for (let i = 0; i < keypad.length; i += KEYPAD_GROUP_SIZE) groups.push(keypad.slice(i, i + KEYPAD_GROUP_SIZE));
  return groups;
}

/** "463 579 284 665": the keypad form as the SMS, the letter and the console print it. */
export function formatKeypadCode(codeOrKeypad: string): string {
  return keypadGroups(codeOrKeypad).join(" ");
}

export function keypadForm(code: string): string {
  return [...code].map((c) => KEYPAD[c] ?? c).join("");
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function modInverse(a: number, m: number): number {
  for (let x = 1; x < m; x++) if ((a * x) % m === 1) return x;
  throw new Error(`${a} has no inverse mod ${m}`);
}
