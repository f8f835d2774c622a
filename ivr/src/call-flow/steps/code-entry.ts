// Callers with a booking code type its keypad form: every letter on the key it is printed on.
// The check character catches a mistyped code before any lookup, and it is asked again.
import { DomainError } from "../../domain/errors.ts";
import { parseDigitString } from "../../domain/speech/german-numbers.ts";
import type { Step } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const codeEntry: Step = {
  name: "code-entry",
  enter() {
    return entry("code-entry", [say("code.ask")], { numDigits: 12 });
  },
  async handle({ state, deps }, input) {
    const digits = input.digits ? digitsOnly(input) : input.speech ? parseDigitString(input.speech) : null;
    if (!digits || digits.length !== 12) return { invalid: "code.invalid" };
    try {
      const booking = await deps.ledger.lookup(digits);
      if (booking.status !== "active") return { goto: "main-menu", prompts: [say("code.cancelled")] };
      state.lookedUpCode = booking.code;
      return { goto: "code-menu" };
    } catch (error) {
      if (error instanceof DomainError && error.code === "code_invalid") return { invalid: "code.invalid" };
      if (error instanceof DomainError && error.code === "code_unknown") return { invalid: "code.unknown" };
      throw error;
    }
  },
};
