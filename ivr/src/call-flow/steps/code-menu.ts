// A code holder hears the appointments, and may rebook or cancel them.
import type { Step } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const codeMenu: Step = {
  name: "code-menu",
  async enter({ state, deps }) {
    if (!state.lookedUpCode) return { prompts: [], redirect: "code-entry" };
    const booking = await deps.ledger.lookup(state.lookedUpCode);
    const centre = deps.ledger.geography.districtOfCentre(booking.centreId)?.centre.name ?? "";
    return menu(
      "code-menu",
      [say("code.options")],
      [pairPrompt("code.appointments", booking, state.language, { centre })],
    );
  },
  async handle({ state, deps }, input) {
    const choice = readChoice(input, ["1", "2", "3"]);
    if (choice === "1") return { goto: "code-menu" };
    if (choice === "3") return { goto: "cancel-confirm" };
    if (choice !== "2" || !state.lookedUpCode) return { invalid: "common.invalid_choice" };
    const booking = await deps.ledger.lookup(state.lookedUpCode);
    state.rebookCode = booking.code;
    state.rebookPerson = { ...booking.person };
    state.postcode = booking.person.postcode;
    state.centreId = booking.centreId;
    state.districtId = deps.ledger.geography.districtOfCentre(booking.centreId)?.id;
    // Another date than the one held: from the day after the current first appointment.
    state.offerAfter = new Date(booking.firstStartsAt.getTime() + 24 * 3600_000).toISOString();
    return { goto: "offer" };
  },
};
