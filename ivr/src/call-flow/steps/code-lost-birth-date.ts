// A caller who lost the code, first of three answers: the vaccinated person's birth date.
import type { Step } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { entry, say } from "./step-kit.ts";

export const codeLostBirthDate: Step = {
  name: "code-lost-birth-date",
  enter() {
    return entry("code-lost-birth-date", [say("code_lost.ask_birth_date")], { numDigits: 8, hints: BIRTH_DATE_HINTS });
  },
  handle({ state, deps }, input) {
    const date = readBirthDate(input, deps.clock.now());
    if (!date) return { invalid: "code.date_unclear" };
    state.lostCode = { birthDate: date.iso };
    return { goto: "code-lost-postcode" };
  },
};
