// A caller with a booking code says or types its twelve keypad digits (letters typed on the
// key they are printed on give the same digits). The check digit catches a slip before any
// lookup. Nothing about the booking is said yet: the birth date comes first (code-verify).
// "1" (no code starts with it) or "verloren" leads to the search by birth date, postcode and phone.
// A waiting-list registration number (ten digits, then #) is taken here too: an invited person
// confirms their birth date and then hears the invitation (identity-check).
import { isDomainError } from "../../domain/errors.ts";
import type { Step } from "../types.ts";
import { parseRegistrationNumber } from "../../domain/waitlist/registration-number.ts";
import { CODE_DIGITS, CODE_HINTS, readCode } from "./code-input.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const codeEntry: Step = {
  name: "code-entry",
  enter() {
    return entry("code-entry", [say("code.ask")], { numDigits: CODE_DIGITS, hints: CODE_HINTS });
  },
  async handle({ state, deps }, input) {
    const given = readCode(input);
    if (given === null) return { invalid: "code.not_understood" };
    if ("lost" in given) return { goto: "code-lost-birth-date", prompts: [say("code_lost.intro")] };
    if ("letters" in given) return { invalid: "code.say_digits" };
    const registration = parseRegistrationNumber(digitsOnly(input) ?? "");
    if (registration && deps.invitations) {
      // The same limit as codes: registration numbers are not to be guessed by phone either.
      if (await deps.codeLookups.callerLookup(state.from))
        return { toOperator: "invalid-input", prompts: [say("code.too_many")] };
      const invitation = await deps.invitations.openByNumber(registration);
      if (!invitation) return { invalid: "invitation.number_unknown" };
      state.invitation = { id: invitation.invitationId, registrationNumber: registration, confirmed: false };
      return { goto: "identity-check" };
    }
    if ("digitCount" in given) return { invalid: "code.digit_count", params: { count: given.digitCount } };
    // Guessing codes by phone: a caller ID (withheld numbers together) gets ten an hour.
    if (await deps.codeLookups.callerLookup(state.from))
      return { toOperator: "invalid-input", prompts: [say("code.too_many")] };
    try {
      const booking = await deps.ledger.lookup(given.code);
      if (booking.status !== "active") return { goto: "main-menu", prompts: [say("code.cancelled")] };
      // The birth date was already given for this booking in this call (the lost-code search).
      if (booking.code === state.lostCode?.code || booking.code === state.lookedUpCode) {
        state.lookedUpCode = booking.code;
        return { goto: "code-menu" };
      }
      state.codeCandidate = booking.code;
      state.lookedUpCode = undefined;
      return { goto: "code-verify" };
    } catch (error) {
      if (isDomainError(error, "code_invalid")) return { invalid: "code.invalid" };
      if (isDomainError(error, "code_unknown")) return { invalid: "code.unknown" };
      throw error;
    }
  },
};
