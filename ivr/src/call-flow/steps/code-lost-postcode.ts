// A caller who lost the code, second answer: the postcode on file. With a caller ID the search
// runs at once (most callers ring from the number they booked with); without one, or when
// it finds nothing, the caller types the number they gave.
import { phoneToE164 } from "../../domain/telephony/phone-number.ts";
import { parsePostcode } from "../../domain/speech/german-numbers.ts";
import type { Step } from "../types.ts";
import { searchLostCode } from "./lost-code-search.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const codeLostPostcode: Step = {
  name: "code-lost-postcode",
  enter() {
    return entry("code-lost-postcode", [say("code_lost.ask_postcode")], {
      numDigits: 5,
      hints: "drei drei drei drei null, 33330",
    });
  },
  async handle(ctx, input) {
    const { state } = ctx;
    const code = input.digits ? digitsOnly(input) : input.speech ? parsePostcode(input.speech) : null;
    if (!code || !/^\d{5}$/.test(code)) return { invalid: "code_lost.postcode_unclear" };
    if (!state.lostCode?.birthDate) return { goto: "code-lost-birth-date" };
    state.lostCode.postcode = code;
    const callerId = state.from ? phoneToE164(state.from) : null;
    if (!callerId) return { goto: "code-lost-phone" };
    return searchLostCode(ctx, callerId, { goto: "code-lost-phone", prompts: [say("code_lost.not_with_caller_id")] });
  },
};
