// Outside opening hours: when to call again, and a callback instead of redialling.
import type { Language } from "../../i18n.ts";
import type { FlowDeps, Step } from "../types.ts";
import { spokenHour } from "../spoken-time.ts";
import { say } from "./step-kit.ts";

export const closed: Step = {
  name: "closed",
  enter({ state, deps }) {
    state.callbackReason = "outside-hours";
    return { prompts: [say("closed.hours", hoursParams(deps, state.language))], redirect: "callback-offer" };
  },
};

/** The hotline's hours as said: "von 8 bis 22 Uhr" in German, "08:00" in the other languages. */
export function hoursParams(deps: FlowDeps, language: Language): { opens: string; closes: string } {
  const { hotline } = deps.operations.current();
  if (language !== "de") return { opens: hotline.opensAt, closes: hotline.closesAt };
  return { opens: spokenHour(hotline.opensAt), closes: spokenHour(hotline.closesAt) };
}
