// The search for a lost code found nothing: said plainly, then a person, another try, or the end.
import type { Step } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const codeLostNone: Step = {
  name: "code-lost-none",
  enter() {
    return menu("code-lost-none", [say("code_lost.none"), say("code_lost.none_options")]);
  },
  handle({ state }, input) {
    const choice = readChoice(input, ["1", "2", "3"], {
      words: {
        "1": ["mitarbeiterin", "mitarbeiter", "person"],
        "2": ["neu", "eingeben", "versuchen"],
        "3": ["beenden", "auflegen", "tschüss"],
      },
    });
    if (choice === "1") return { toOperator: "code-not-found" as const };
    if (choice === "2") {
      state.lostCode = undefined;
      return { goto: "code-lost-birth-date" as const };
    }
    if (choice === "3") return { goto: "goodbye" as const };
    return { invalid: "common.invalid_choice" };
  },
  giveUp: () => ({ toOperator: "code-not-found" }),
};
