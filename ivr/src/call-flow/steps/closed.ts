// Outside opening hours: when to call again, and a callback instead of redialling.
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const closed: Step = {
  name: "closed",
  enter({ state, deps }) {
    const { hotline } = deps.operations.current();
    state.callbackReason = "outside-hours";
    return {
      prompts: [say("closed.hours", { opens: hotline.opensAt, closes: hotline.closesAt })],
      redirect: "callback-offer",
    };
  },
};
