// A code holder whose birth date matched hears the appointments, then: move them, cancel them,
// or end the call; * (or "anhören") reads them again. Three keys, each option also by its own
// words; "ja"/"nein" pick nothing here ("nein" must not start a rebooking).
import type { Step, StepContext } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const HEAR = "hear";
const CODE_MENU_WORDS = {
  "1": ["verschieben", "umbuchen", "anderer termin", "anderen termin", "neuer termin", "neuen termin"],
  "2": ["absagen", "stornieren", "löschen"],
  "3": ["beenden", "auflegen", "tschüss", "auf wiederhören"],
  [HEAR]: ["anhören", "hören", "vorlesen"],
};

export const codeMenu: Step = {
  name: "code-menu",
  async enter({ state, deps }) {
    if (!state.lookedUpCode) return { prompts: [], redirect: "code-entry" };
    const booking = await deps.ledger.lookup(state.lookedUpCode);
    if (booking.status !== "active") {
      state.lookedUpCode = undefined;
      return { prompts: [say("code.cancelled")], redirect: "main-menu" };
    }
    const centre = deps.ledger.geography.districtOfCentre(booking.centreId)?.centre.name ?? "";
    // Inside the gather: a caller who knows what to do need not wait for the end.
    return menu("code-menu", [
      pairPrompt("code.appointments", booking, state.language, { centre }),
      say("code.options"),
    ]);
  },
  async handle(ctx, input) {
    const { state } = ctx;
    if (!state.lookedUpCode) return { goto: "code-entry" };
    const choice = readChoice(input, ["1", "2", "3", HEAR], { words: CODE_MENU_WORDS });
    if (choice === HEAR) return codeMenu.enter(ctx);
    if (choice === "1") return rebook(ctx);
    if (choice === "2") return { goto: "cancel-confirm" };
    if (choice === "3") return { goto: "goodbye" };
    return { invalid: "common.invalid_choice" };
  },
  // The appointments were said: a caller who then says nothing twice has heard what they
  // came for. Wrong keys twice: a person.
  giveUp: (_ctx, reason) => (reason === "no-input" ? { goto: "goodbye" } : { toOperator: reason }),
};

async function rebook({ state, deps }: StepContext) {
  const booking = await deps.ledger.lookup(state.lookedUpCode!);
  state.rebookCode = booking.code;
  state.rebookPerson = { ...booking.person };
  state.postcode = booking.person.postcode;
  state.centreId = booking.centreId;
  state.districtId = deps.ledger.geography.districtOfCentre(booking.centreId)?.id;
  // Another date than the one booked: from the day after the current first appointment.
  state.offerAfter = new Date(booking.firstStartsAt.getTime() + 24 * 3600_000).toISOString();
  return { goto: "offer" as const };
}
