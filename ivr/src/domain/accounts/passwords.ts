// Passwords of console accounts: how they are hashed is the adapter's business (scrypt); what
// is a usable password, and how a fresh one is drawn, is decided here.
import { randomInt } from "node:crypto";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../contracts/accounts-api.ts";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string | null): Promise<boolean>;
}

// Lower case without look-alikes (no 0/o, 1/l/i): read off a screen and typed once.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** "k7pm-3xqa-9hte-v2rd": 16 symbols of 31, about 79 bits, in groups of four. */
export function drawPassword(): string {
  const symbols = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => symbols.slice(i, i + 4).join("")).join("-");
}

/** Why a password chosen by a person cannot be used, or null when it can. */
export function passwordProblem(
  accountId: string,
  password: string,
): "too_short" | "too_long" | "contains_name" | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too_long";
  if (password.toLowerCase().includes(accountId.toLowerCase())) return "contains_name";
  return null;
}
