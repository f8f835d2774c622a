// An answering machine picked up an automated call: a short message with no personal data,
// only the official hotline number and the registration number to quote, then hang up.
import { formatRegistrationNumber } from "../../domain/waitlist/registration-number.ts";
import { spokenDigits } from "../../domain/outbound/identity-policy.ts";
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const outboundMachine: Step = {
  name: "outbound-machine",
  enter({ state, deps }) {
    const hotline = spokenDigits(deps.hotlinePhone ?? "116117");
    const number = state.invitation
      ? spokenDigits(formatRegistrationNumber(state.invitation.registrationNumber))
      : null;
    return {
      prompts: [
        say("outbound.machine_intro"),
        say("outbound.call_back", { hotline }),
        ...(number ? [say("outbound.machine_number", { number })] : []),
        say("outbound.call_back_again", { hotline }),
      ],
      // The goodbye step adds the hours and hangs up.
      redirect: "goodbye",
    };
  },
};
