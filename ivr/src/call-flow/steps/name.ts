// The name, for the centre's list and the letter: said once and kept as typed text; the
// summary says it back before anything is booked (and a wrong one is recorded instead). One
// short sentence first says why and for how long. What speech could not settle is recorded,
// and an agent types it from the worklist.
import { RETENTION } from "../../domain/privacy/retention.ts";
import type { Step } from "../types.ts";
import { afterName, heardText } from "./contact-steps.ts";
import { say, speechEntry } from "./step-kit.ts";

export const name: Step = {
  name: "name",
  // Silence is an answer here: a caller who cannot say it is recorded instead.
  acceptsSilence: true,
  enter({ state }) {
    const why = state.waitlist
      ? say("name.why_waitlist")
      : say("name.why", { days: RETENTION.afterSecondAppointmentDays });
    return speechEntry("name", [why, say("name.ask")]);
  },
  handle({ state }, input) {
    const heard = heardText(input.speech);
    // The waiting list keeps typed names only: asked once more, then an agent registers it.
    if (!heard && state.waitlist) return { invalid: "name.again_waitlist" };
    if (!heard) return { goto: "name-record" };
    state.spokenName = heard;
    return { goto: afterName(state) };
  },
  giveUp: ({ state }) => (state.waitlist ? { toOperator: "name-not-understood" } : null),
};

export const nameRecord: Step = {
  name: "name-record",
  enter() {
    return { prompts: [], record: { step: "name-record", maxLengthSeconds: 8, prompts: [say("name.record")] } };
  },
  handle({ state }, input) {
    if (!input.recordingUrl) return { invalid: "name.again" };
    state.spokenName = undefined;
    state.nameRecordingUrl = input.recordingUrl;
    return { goto: afterName(state) };
  },
};
