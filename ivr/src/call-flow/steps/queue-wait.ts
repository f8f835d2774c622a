// Twilio's wait loop: the caller's place and an honest estimate, recomputed each time, in their
// language, then hold music (so announcements come no more often than the music lasts, about a
// minute, instead of a voice every 20 s of dead air); pressing 1 turns the wait into a callback
// that keeps their place. If nobody is signed in any more, waiting is no longer offered.
import type { CallState, Prompt, Step } from "../types.ts";
import { say } from "./step-kit.ts";

/** After the music, a short gap in which a key press still counts before the next loop. */
const AFTER_MUSIC_SECONDS = 3;
/** Loops heard with nobody signed in before the caller is taken to the callback offer. */
const LOOPS_WITHOUT_AGENTS = 2;

export const queueWait: Step = {
  name: "queue-wait",
  acceptsSilence: true,
  ownsStarAndZero: true,
  async enter({ state, deps }) {
    const { position, estimate } = await deps.queue.progress(state.callSid, state.queuePosition ?? null);
    if (!estimate) {
      state.loopsWithoutAgents = (state.loopsWithoutAgents ?? 0) + 1;
      if (state.loopsWithoutAgents > LOOPS_WITHOUT_AGENTS) return leaveForCallback(state, "no-agents", []);
    } else state.loopsWithoutAgents = 0;
    const prompts: Prompt[] = estimate
      ? [placePrompt(position - 1), estimatePrompt(estimate.minMinutes, estimate.maxMinutes)]
      : [say("queue.nobody_free")];
    return {
      prompts: [],
      gather: {
        step: "queue-wait",
        speech: false,
        numDigits: 1,
        timeoutSeconds: AFTER_MUSIC_SECONDS,
        prompts: [...prompts, say("queue.press_one"), { play: deps.settings.holdMusicUrl }],
      },
    };
  },
  handle({ state }, input) {
    if (input.digits === "1") return leaveForCallback(state, "long-wait", [say("queue.leaving_for_callback")]);
    // Silence: the music ended; Twilio asks the wait URL again, which announces the fresh place.
    return { prompts: [{ pause: 1 }] };
  },
};

function leaveForCallback(state: CallState, reason: "long-wait" | "no-agents", prompts: Prompt[]) {
  state.convertToCallback = true;
  state.callbackReason = reason;
  return { prompts, leave: true };
}

/** "Sie sind als Nächstes an der Reihe", "Vor Ihnen wartet noch eine Person", "… 3 Personen". */
function placePrompt(ahead: number): Prompt {
  if (ahead <= 0) return say("queue.position_next");
  if (ahead === 1) return say("queue.position_one");
  return say("queue.position", { position: ahead });
}

/** "höchstens 5 Minuten" rather than "etwa 0 bis 5 Minuten". */
function estimatePrompt(min: number, max: number): Prompt {
  return min === 0 ? say("queue.estimate_upto", { max }) : say("queue.estimate", { min, max });
}
