// Street and house number for the letter to a caller without a mobile phone (the town comes
// from the postcode): said once, said back in the summary, recorded when speech could not
// settle it or the caller says it was misheard. An address that cannot be had at all does not
// stop the booking: the agents' worklist shows it.
import type { Step } from "../types.ts";
import { heardText, townOf, waitlistNext } from "./contact-steps.ts";
import { say, speechEntry } from "./step-kit.ts";

export const address: Step = {
  name: "address",
  // Silence is an answer here: a caller who cannot say it is recorded instead.
  acceptsSilence: true,
  enter({ state }) {
    return speechEntry("address", [say(state.waitlist ? "address.ask_waitlist" : "address.ask")]);
  },
  handle({ state, deps }, input) {
    const heard = heardText(input.speech);
    // The waiting list keeps no recordings: without a street, the calls are the only way.
    if (!heard && state.waitlist) {
      state.addressGivenUp = true;
      return { goto: waitlistNext(state) };
    }
    if (!heard) return { goto: "address-record" };
    state.street = heard;
    state.city = townOf(deps, state.postcode) ?? undefined;
    return { goto: state.waitlist ? waitlistNext(state) : "confirm" };
  },
};

export const addressRecord: Step = {
  name: "address-record",
  enter() {
    return {
      prompts: [],
      record: { step: "address-record", maxLengthSeconds: 10, prompts: [say("address.record")] },
    };
  },
  handle({ state }, input) {
    if (!input.recordingUrl) return { invalid: "address.again" };
    state.street = undefined;
    state.city = undefined;
    state.addressRecordingUrl = input.recordingUrl;
    return { goto: "confirm" };
  },
  // Booking matters more than the letter: without an address an agent follows up.
  giveUp: ({ state }) => {
    state.addressGivenUp = true;
    return { goto: "confirm" };
  },
};
