// An outbound callback was answered: greet the person in their language and put them
// through to the next free agent, with the request's context on the agent's screen.
import type { Step } from "../types.ts";
import { joinQueue } from "./operator.ts";
import { say } from "./step-kit.ts";

export const callbackAnswer: Step = {
  name: "callback-answer",
  async enter({ state, deps }) {
    const outcome = await joinQueue(state, deps);
    return { ...outcome, prompts: [say("callback.answer_greeting"), ...outcome.prompts] };
  },
};
