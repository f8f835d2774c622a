// The name as a short recording: speech recognition garbles names, a recording does not.
// The recording's URL is kept with the booking for the centre's check-in list.
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const name: Step = {
  name: "name",
  enter() {
    return { prompts: [], record: { step: "name", maxLengthSeconds: 8, prompts: [say("name.ask")] } };
  },
  handle({ state }, input) {
    if (!input.recordingUrl) return { invalid: "name.again" };
    state.nameRecordingUrl = input.recordingUrl;
    return { goto: "confirm" };
  },
};
