// The end of a call. A caller who leaves without a booking, a callback or a cancellation hears
// when the hotline is there for them, so that no call ends without a next step.
import type { Step } from "../types.ts";
import { hoursParams } from "./closed.ts";
import { say } from "./step-kit.ts";

export const goodbye: Step = {
  name: "goodbye",
  enter({ state, deps }) {
    const achieved = state.bookings.length > 0 || state.callbackRegistered || state.cancelled || state.registered;
    const hours = achieved ? [] : [say("common.call_again", hoursParams(deps, state.language))];
    return { prompts: [...hours, say("common.goodbye")], hangup: true };
  },
};
