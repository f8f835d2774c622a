// A caller who lost the code, third answer: the phone number given at booking, typed (or said)
// with its area code, when the caller ID did not find the booking or was withheld.
import { parseDigitString } from "../../domain/speech/german-numbers.ts";
import { phoneToE164 } from "../../domain/telephony/phone-number.ts";
import type { Step } from "../types.ts";
import { searchLostCode } from "./lost-code-search.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const codeLostPhone: Step = {
  name: "code-lost-phone",
  enter() {
    return entry("code-lost-phone", [say("code_lost.ask_phone")], { hints: "null fünf zwei vier eins" });
  },
  handle(ctx, input) {
    const digits = input.digits ? digitsOnly(input) : input.speech ? parseDigitString(input.speech) : null;
    const phone = digits && digits.startsWith("0") ? phoneToE164(digits) : null;
    if (!phone) return { invalid: "code_lost.phone_unclear" };
    return searchLostCode(ctx, phone, { goto: "code-lost-none" });
  },
};
