// The nearest other centres that have free pairs right now (two, nearest first). When none
// in the whole region has one, that, and only that, is when the caller hears "all full".
import type { Step } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const alternatives: Step = {
  name: "alternatives",
  async enter({ state, deps }) {
    const home = state.districtId !== undefined ? deps.ledger.geography.district(state.districtId) : undefined;
    const from = deps.ledger.offerFrom();
    const centreId = home?.centre.id ?? state.centreId;
    if (centreId === undefined) return { prompts: [], redirect: "postcode" };
    const options = await deps.ledger.availability.nearestWithFree(centreId, from, 2);
    if (options.length === 0) {
      const region = home ? deps.ledger.geography.region(home.regionId) : undefined;
      state.callbackReason = "awaiting-supply";
      // Registering for an appointment by post or call beats calling again in a few days; not
      // for someone moving a booking they keep (they are not waiting for one).
      if (deps.waitlist && !state.rebookCode) {
        state.waitlistOffered = "region-full";
        return { prompts: [], redirect: "waitlist-offer" };
      }
      const full = say("alternatives.region_full", { region: region?.name ?? "" });
      return { prompts: [full, say("alternatives.call_again")], redirect: "callback-offer" };
    }
    state.alternativeCentres = options.map((o) => o.centre.id);
    const prompts = options.map((o, i) =>
      pairPrompt(
        "alternatives.option",
        { firstStartsAt: o.earliest!.firstStartsAt, secondStartsAt: o.earliest!.secondStartsAt },
        state.language,
        {
          key: i + 1,
          centre: o.centre.name,
          km: Math.max(1, Math.round(o.km)),
        },
      ),
    );
    return menu("alternatives", [...prompts, say("alternatives.other_postcode", { key: 3 })]);
  },
  handle({ state }, input) {
    const options = state.alternativeCentres ?? [];
    const choice = readChoice(input, ["1", "2", "3"].slice(0, options.length).concat("3"), {
      words: { "3": ["andere postleitzahl", "postleitzahl"] },
    });
    if (choice === "3") return { goto: "postcode" };
    const centreId = choice ? options[Number(choice) - 1] : undefined;
    if (centreId === undefined) return { invalid: "common.invalid_choice" };
    state.centreId = centreId;
    state.offerAfter = undefined;
    return { goto: "offer" };
  },
};
