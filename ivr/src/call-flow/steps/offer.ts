// Offers the earliest free pair of the chosen centre and holds it while the caller decides:
// 1 books, 2 another date, 3 another centre nearby. A full centre is said truthfully, with
// the nearest centres that do have pairs; "all full" only when the whole region is.
import { addDays, berlinDate, berlinLocalToUtc } from "../../domain/time/berlin.ts";
import type { CallState, StepContext, Step, StepOutcome } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { nextDetail, waitlistNext } from "./contact-steps.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const offer: Step = {
  name: "offer",
  async enter(ctx) {
    const { state, deps } = ctx;
    // "Send me an appointment" (main menu, 3): the district is known, nothing is held.
    if (state.waitlist) return { prompts: [], redirect: waitlistNext(state) };
    const centreId = state.centreId;
    const district = centreId === undefined ? undefined : deps.ledger.geography.districtOfCentre(centreId);
    if (!district || centreId === undefined) return { prompts: [], redirect: "postcode" };
    const now = deps.clock.now();
    let held = state.held;
    if (!held || held.centreId !== centreId || new Date(held.expiresAt) <= now) {
      const pair = await deps.ledger.holdEarliest(centreId, state.callSid, {
        after: state.offerAfter ? new Date(state.offerAfter) : undefined,
        replaceHoldId: held?.holdId ?? state.releaseHoldId,
      });
      state.releaseHoldId = undefined;
      held = pair ? toState(pair) : undefined;
      state.held = held;
    }
    if (!held) return full(ctx, district.centre.name);
    return offerMenu(state, district.centre.name, held);
  },
  async handle(ctx, input) {
    const { state } = ctx;
    const choice = readChoice(input, ["1", "2", "3"], { words: OFFER_WORDS });
    if (choice === "1")
      return { goto: state.rebookPerson ? "confirm" : state.birthDate ? nextDetail(state) : "birth-date" };
    if (choice === "2") return anotherDay(state);
    if (choice === "3") return { goto: "alternatives" };
    return { invalid: "common.invalid_choice" };
  },
};

const OFFER_WORDS = {
  "1": ["buchen", "nehmen", "passt"],
  "2": ["anderer tag", "anderen tag", "anderer termin", "anderen termin", "später"],
  "3": ["anderes impfzentrum", "anderes zentrum", "anderen ort", "woanders"],
};

/**
 * "Another date" means another day: the held pair is let go and the next free pair from the
 * following morning on is held instead (in one step, so the caller never holds two).
 */
export function anotherDay(state: CallState): { goto: "offer" } {
  if (!state.held) return { goto: "offer" };
  const next = addDays(berlinDate(new Date(state.held.firstStartsAt)), 1);
  const [y, m, d] = next.split("-").map(Number) as [number, number, number];
  state.offerAfter = berlinLocalToUtc(y, m, d).toISOString();
  state.releaseHoldId = state.held.holdId;
  state.held = undefined;
  return { goto: "offer" };
}

function offerMenu(state: CallState, centreName: string, held: NonNullable<CallState["held"]>): StepOutcome {
  return menu(
    "offer",
    [say("offer.options")],
    [pairPrompt("offer.pair", held, state.language, { centre: centreName })],
  );
}

async function full(ctx: StepContext, centreName: string): Promise<StepOutcome> {
  const { state } = ctx;
  if (state.offerAfter) {
    // No later date here: start again from the earliest, and say so.
    state.offerAfter = undefined;
    return { prompts: [say("offer.no_later_date")], redirect: "offer" };
  }
  return { prompts: [say("offer.centre_full", { centre: centreName })], redirect: "alternatives" };
}

function toState(pair: {
  holdId: string;
  centreId: number;
  firstSlotId: number;
  secondSlotId: number;
  firstStartsAt: Date;
  secondStartsAt: Date;
  expiresAt: Date;
}) {
  return {
    holdId: pair.holdId,
    centreId: pair.centreId,
    firstSlotId: pair.firstSlotId,
    secondSlotId: pair.secondSlotId,
    firstStartsAt: pair.firstStartsAt.toISOString(),
    secondStartsAt: pair.secondStartsAt.toISOString(),
    expiresAt: pair.expiresAt.toISOString(),
  };
}
