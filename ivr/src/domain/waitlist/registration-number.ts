// The number a person quotes for their place on the waiting list: ten digits, nine drawn from
// the system's cryptographic generator (never a counter: a neighbour's number must not be
// guessable) and a Luhn check digit, so a single mistyped digit or a swap of neighbours is
// caught before any lookup. One in a billion: with a million entries a fresh draw collides
// about once in a thousand, and the unique index makes the store draw again.
import { randomInt } from "node:crypto";
import { luhnValid } from "../ledger/booking-code.ts";

export const REGISTRATION_NUMBER_LENGTH = 10;

export function generateRegistrationNumber(random: (min: number, max: number) => number = randomInt): string {
  const body = String(random(100_000_000, 1_000_000_000));
  return body + luhnCheckDigit(body);
}

export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error("unreachable: one Luhn digit always fits");
}

/** "123 456 789 0", "1234-567890" → "1234567890"; null when it is not a valid number. */
export function parseRegistrationNumber(input: string): string | null {
  const digits = input.replace(/[\s\-./]/g, "");
  if (!/^\d{10}$/.test(digits) || digits.startsWith("0") || !luhnValid(digits)) return null;
  return digits;
}

/** As the phone reads it and a letter prints it: "123 456 789 0". */
export function formatRegistrationNumber(number: string): string {
  return `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6, 9)} ${number.slice(9)}`;
}
