import type { Step } from "../types.ts";
import { outsideArea } from "./postcode.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const chooseDistrict: Step = {
  name: "choose-district",
  enter({ state }) {
    const options = (state.districtChoices ?? []).map((c, i) =>
      say("choose_district.option", { key: i + 1, place: c.place }),
    );
    return menu("choose-district", options, [say("choose_district.intro")]);
  },
  handle({ state, deps }, input) {
    const choices = state.districtChoices ?? [];
    const keys = choices.map((_, i) => String(i + 1));
    const words = Object.fromEntries(choices.map((c, i) => [String(i + 1), [c.place]]));
    const choice = readChoice(input, keys, { words });
    const chosen = choice ? choices[Number(choice) - 1] : undefined;
    if (!chosen) return { invalid: "common.invalid_choice" };
    if (chosen.districtId === null) return outsideArea(state, chosen.state);
    const district = deps.ledger.geography.district(chosen.districtId);
    if (!district) return { invalid: "common.invalid_choice" };
    state.districtId = district.id;
    state.centreId = district.centre.id;
    return { goto: "offer" };
  },
};
