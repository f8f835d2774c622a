// Twilio's wait loop: the caller's place and an honest estimate, recomputed each time,
// in their language; pressing 1 turns the wait into a callback that keeps their place.
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

const HOLD_SECONDS = 20;

export const queueWait: Step = {
  name: "queue-wait",
  acceptsSilence: true,
  ownsStarAndZero: true,
  async enter({ state, deps }) {
    const { position, estimate } = await deps.queue.progress(state.callSid, state.queuePosition ?? null);
    const when = estimate
      ? say("queue.estimate", { min: estimate.minMinutes, max: estimate.maxMinutes })
      : say("queue.estimate_unknown");
    return {
      prompts: [],
      gather: {
        step: "queue-wait",
        speech: false,
        numDigits: 1,
        timeoutSeconds: HOLD_SECONDS,
        prompts: [
          say(position <= 1 ? "queue.position_next" : "queue.position", { position: position - 1 }),
          when,
          say("queue.press_one"),
          { pause: 2 },
        ],
      },
    };
  },
  handle({ state }, input) {
    if (input.digits === "1") {
      state.convertToCallback = true;
      state.callbackReason = "long-wait";
      return { prompts: [say("queue.leaving_for_callback")], leave: true };
    }
    // Silence: the wait music ends here and Twilio asks the wait URL again, which
    // announces the fresh place and estimate.
    return { prompts: [{ pause: 1 }] };
  },
};
