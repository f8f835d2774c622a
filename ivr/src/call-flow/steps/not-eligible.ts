// Too young to book. Where the next age group is announced (WAITLIST_FROM_AGE), the caller
// may register on the waiting list instead; otherwise they hear when it is their turn: not
// from us, publicly.
import { berlinParts } from "../../domain/time/berlin.ts";
import type { Step, StepContext } from "../types.ts";
import { waitlistFromAge } from "./birth-date.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const notEligible: Step = {
  name: "not-eligible",
  enter(ctx) {
    const { deps } = ctx;
    if (announcedGroup(ctx)) {
      ctx.state.waitlistOffered = "announced";
      return { prompts: [], redirect: "waitlist-offer" };
    }
    return menu(
      "not-eligible",
      [say("not_eligible.options")],
      [say("not_eligible.explain", { minAge: deps.settings.minAge })],
    );
  },
  handle({ state }, input) {
    const choice = readChoice(input, ["1", "2"], {
      words: { "1": ["andere person", "jemand anderen"], "2": ["beenden", "auflegen"] },
    });
    if (choice === "1") return forAnotherPerson(state);
    if (choice === "2") return { goto: "goodbye" };
    return { invalid: "common.invalid_choice" };
  },
};

/** The birth year says the caller's group is announced, and the exact date has not said no. */
function announcedGroup({ state, deps }: StepContext): boolean {
  if (state.tooYoung || state.birthYear === undefined) return false;
  const from = waitlistFromAge(deps);
  if (from >= deps.settings.minAge) return false;
  // By the year alone: someone turning `from` later this year is asked the exact date next.
  return berlinParts(deps.clock.now()).year - state.birthYear >= from;
}

/** "Für eine andere Person": everything said about the first one is forgotten. */
export function forAnotherPerson(state: StepContext["state"]) {
  state.tooYoung = undefined;
  state.waitlist = undefined;
  state.waitlistOffered = undefined;
  state.birthDate = undefined;
  return { goto: "birth-year" as const };
}
