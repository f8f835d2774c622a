// Outside opening hours: when to call again. (Callbacks are offered once the queue exists.)
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const closed: Step = {
  name: "closed",
  enter({ deps }) {
    return { prompts: [say("closed.hours", { opens: deps.settings.opensAt, closes: deps.settings.closesAt }), say("common.goodbye")], hangup: true };
  },
};
