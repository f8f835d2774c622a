// The Enqueue's action: the caller left the queue. Record the real wait, then go on:
// a callback for those who pressed 1 or met a full queue, goodbye after an agent call.
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const queueLeft: Step = {
  name: "queue-left",
  async enter({ state, deps }) {
    const result = state.queueResult ?? "hangup";
    await deps.queue.left(state.callSid, state.convertToCallback ? "callback" : result, state.queueTimeSeconds ?? null);
    if (state.convertToCallback) {
      state.callbackPhone = state.from ? { number: state.from, source: "caller-id" } : undefined;
      return { prompts: [], redirect: state.callbackPhone ? "callback-number" : "callback-number-entry" };
    }
    if (result === "queue-full") {
      state.callbackReason = "queue-full";
      return { prompts: [say("queue.full")], redirect: "callback-offer" };
    }
    if (result === "error" || result === "system-error") {
      state.callbackReason = "queue-full";
      return { prompts: [say("common.technical_problem")], redirect: "callback-offer" };
    }
    // Bridged (the agent call has ended) or the caller hung up.
    return { prompts: [], hangup: true };
  },
};
