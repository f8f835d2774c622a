import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const goodbye: Step = {
  name: "goodbye",
  enter() {
    return { prompts: [say("common.goodbye")], hangup: true };
  },
};
