// "Really cancel both?" A yes/no question, so "ja" and "nein" count here. Only a booking whose
// birth date the caller gave in this call (code-verify) can be cancelled.
import { isDomainError } from "../../domain/errors.ts";
import type { Step } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const cancelConfirm: Step = {
  name: "cancel-confirm",
  enter({ state }) {
    if (!state.lookedUpCode) return { prompts: [], redirect: "code-entry" };
    return menu("cancel-confirm", [say("cancel.ask")]);
  },
  async handle({ state, deps }, input) {
    if (!state.lookedUpCode) return { goto: "code-entry" };
    const choice = readChoice(input, ["1", "2"], {
      yesNo: true,
      words: { "1": ["absagen", "stornieren"], "2": ["behalten"] },
    });
    if (choice === "2") return { goto: "code-menu" };
    if (choice !== "1") return { invalid: "common.invalid_choice" };
    try {
      await deps.ledger.cancel(state.lookedUpCode, "phone");
    } catch (error) {
      if (!isDomainError(error, "booking_not_active")) throw error;
    }
    state.lookedUpCode = undefined;
    state.cancelled = true;
    return { goto: "goodbye", prompts: [say("cancel.done")] };
  },
};
