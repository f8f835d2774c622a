import { parseDigitString } from "../../domain/speech/german-numbers.ts";
import type { Step } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const callbackNumberEntry: Step = {
  name: "callback-number-entry",
  enter() {
    return entry("callback-number-entry", [say("callback.enter_number")], { hints: "null fünf zwei vier eins" });
  },
  handle({ state }, input) {
    const digits = input.digits ? digitsOnly(input) : input.speech ? parseDigitString(input.speech) : null;
    const e164 = digits ? toE164(digits) : null;
    if (!e164) return { invalid: "callback.number_invalid" };
    state.callbackPhone = { number: e164, source: "keyed" };
    return { goto: "callback-number" };
  },
};

/** German numbers as dialled ("05241 1234567", "0049…", "0151…") to E.164; null if implausible. */
export function toE164(digits: string): string | null {
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[1-9]\d{5,13}$/.test(digits)) return `+49${digits.slice(1)}`;
  return null;
}
