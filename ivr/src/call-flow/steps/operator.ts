// "0", repeated trouble, or a booking the menu cannot finish: into the agent queue with
// everything learned so far, or, when the hotline is closed, the queue full or the wait
// long, a callback offer instead. Never a busy tone.
import type { CallState, Step } from "../types.ts";
import { say } from "./step-kit.ts";
import { callContext } from "./call-context.ts";
import { hoursParams } from "./closed.ts";

export const operator: Step = {
  name: "operator",
  async enter({ state, deps }) {
    state.operatorVisits += 1;
    const decision = await deps.queue.decide();
    if (decision.overflow) {
      state.callbackReason = decision.overflow;
      const why =
        decision.overflow === "outside-hours"
          ? say("closed.hours", hoursParams(deps, state.language))
          : decision.overflow === "queue-full"
            ? say("queue.full")
            : decision.overflow === "no-agents" || !decision.estimate
              ? say("queue.nobody_free")
              : say("queue.long_wait", { min: decision.estimate.minMinutes, max: decision.estimate.maxMinutes });
      return { prompts: [why], redirect: "callback-offer" };
    }
    return joinQueue(state, deps);
  },
};

export async function joinQueue(state: CallState, deps: Parameters<Step["enter"]>[0]["deps"]) {
  const now = deps.clock.now();
  state.queuedAt = now.toISOString();
  await deps.queue.enqueue({
    callSid: state.callSid,
    language: state.language,
    phone: state.from,
    reason: state.callbackRequestId ? "callback" : (state.operatorReason ?? "pressed-0"),
    context: callContext(state, deps),
  });
  return { prompts: [say("queue.joining")], enqueue: { queue: deps.queue.name } };
}
