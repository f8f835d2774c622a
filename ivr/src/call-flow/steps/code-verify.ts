// Before a booking found by its code is read out, rebooked or cancelled, the caller gives the
// vaccinated person's birth date (typed DDMMYYYY or spoken). A code alone may have been found
// on a note or overheard; the birth date is what a stranger with it is unlikely to know. Two
// wrong or missing answers: nothing about the booking is said, and a person takes over.
import { MAX_FAILURES } from "../machine.ts";
import type { Step } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { entry, say } from "./step-kit.ts";

export const codeVerify: Step = {
  name: "code-verify",
  enter({ state }) {
    if (!state.codeCandidate) return { prompts: [], redirect: "code-entry" };
    return entry("code-verify", [say("code.verify_ask")], { numDigits: 8, hints: BIRTH_DATE_HINTS });
  },
  async handle({ state, deps }, input) {
    const code = state.codeCandidate;
    if (!code) return { goto: "code-entry" };
    const date = readBirthDate(input, deps.clock.now());
    const lastTry = state.retries + 1 >= MAX_FAILURES;
    if (!date) return { invalid: lastTry ? "code.verify_failed" : "code.date_unclear" };
    const booking = await deps.ledger.lookup(code);
    if (booking.person.birthDate !== date.iso) return { invalid: lastTry ? "code.verify_failed" : "code.verify_wrong" };
    state.codeCandidate = undefined;
    state.lookedUpCode = booking.code;
    return { goto: "code-menu" };
  },
  giveUp: (_ctx, reason) => ({ toOperator: reason === "invalid-input" ? "identity-not-confirmed" : reason }),
};
