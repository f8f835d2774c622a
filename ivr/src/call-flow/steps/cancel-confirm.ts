import { DomainError } from "../../domain/errors.ts";
import type { Step } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const cancelConfirm: Step = {
  name: "cancel-confirm",
  enter() {
    return menu("cancel-confirm", [say("cancel.ask")]);
  },
  async handle({ state, deps }, input) {
    const choice = readChoice(input, ["1", "2"], { yesNo: true });
    if (choice === "2") return { goto: "code-menu" };
    if (choice !== "1" || !state.lookedUpCode) return { invalid: "common.invalid_choice" };
    try {
      await deps.ledger.cancel(state.lookedUpCode, "phone");
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "booking_not_active")) throw error;
    }
    state.lookedUpCode = undefined;
    state.cancelled = true;
    return { goto: "goodbye", prompts: [say("cancel.done")] };
  },
};
