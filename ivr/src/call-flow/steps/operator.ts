// "0" or repeated trouble: until the agent queue exists, an honest announcement with the
// hotline's hours, then back to where the caller was (twice at most, then goodbye).
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const operator: Step = {
  name: "operator",
  enter({ state, deps }) {
    state.operatorVisits += 1;
    const prompts = [say("operator.unavailable", { opens: deps.settings.opensAt, closes: deps.settings.closesAt })];
    if (state.operatorVisits > 2) return { prompts, redirect: "goodbye" };
    const back = state.returnTo && !["operator", "welcome", "goodbye"].includes(state.returnTo) ? state.returnTo : "main-menu";
    return { prompts: [...prompts, say("operator.back")], redirect: back };
  },
};
