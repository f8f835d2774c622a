import type { Step } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const notEligible: Step = {
  name: "not-eligible",
  enter({ deps }) {
    return menu(
      "not-eligible",
      [say("not_eligible.options")],
      [say("not_eligible.explain", { minAge: deps.settings.minAge })],
    );
  },
  handle(_ctx, input) {
    const choice = readChoice(input, ["1", "2"], {
      words: { "1": ["andere person", "jemand anderen"], "2": ["beenden", "auflegen"] },
    });
    if (choice === "1") return { goto: "birth-year" };
    if (choice === "2") return { goto: "goodbye" };
    return { invalid: "common.invalid_choice" };
  },
};
