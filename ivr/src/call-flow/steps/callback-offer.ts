// Instead of waiting, or when nobody can take the call: a callback that keeps the place.
// Waiting is offered only while someone is there to answer ("long-wait"). A caller who says
// nothing twice is not left in this menu: with a caller ID the callback is registered to it
// (the number and the window are said back), otherwise goodbye with the hours.
import type { Step } from "../types.ts";
import { registerCallback } from "./callback-number.ts";
import { joinQueue } from "./operator.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const WORDS = {
  "1": ["rückruf", "zurückrufen", "anrufen"],
  "2": ["warten"],
  "3": ["beenden", "auflegen", "tschüss", "nein danke"],
};

export const callbackOffer: Step = {
  name: "callback-offer",
  enter({ state }) {
    const mayWait = state.callbackReason === "long-wait";
    const options = [say("callback.offer"), ...(mayWait ? [say("callback.or_wait")] : []), say("callback.or_end")];
    return menu(
      "callback-offer",
      options,
      state.callbackReason === "awaiting-supply" ? [say("callback.awaiting_supply_offer")] : [],
    );
  },
  async handle({ state, deps }, input) {
    const mayWait = state.callbackReason === "long-wait";
    const choice = readChoice(input, mayWait ? ["1", "2", "3"] : ["1", "3"], { words: WORDS });
    if (choice === "1") {
      state.callbackPhone = state.from ? { number: state.from, source: "caller-id" } : undefined;
      return { goto: state.callbackPhone ? "callback-number" : "callback-number-entry" };
    }
    if (choice === "2") return joinQueue(state, deps);
    if (choice === "3") return { goto: "goodbye" };
    return { invalid: "common.invalid_choice" };
  },
  giveUp(ctx) {
    const { state } = ctx;
    if (!state.from) return { goto: "goodbye" };
    state.callbackPhone = { number: state.from, source: "caller-id" };
    return registerCallback(ctx, { sayNumber: true });
  },
};
