// The call to a person whose pair a supply drop moved: an answering machine hears only who
// called and the hotline's number; a person hears the new dates (the code stays the same) and
// chooses: 1 annehmen, 2 anderen Termin (the phone menu's offer, the booking keeps its code).
import type { Step, StepContext } from "../types.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { answeredAfterBooking, identityConfirmed } from "./booking-identity.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const MOVE_WORDS = {
  "1": ["annehmen", "passt", "einverstanden"],
  "2": ["anderer termin", "anderen termin", "verschieben"],
};

export const supplyMoveAnswer: Step = {
  name: "supply-move-answer",
  enter: ({ state }) => answeredAfterBooking(state),
};

export const supplyMoveMenu: Step = {
  name: "supply-move-menu",
  async enter(ctx) {
    if (!identityConfirmed(ctx.state)) return { prompts: [], redirect: "booking-identity" };
    const { state, deps } = ctx;
    const found = await noticeOf(ctx);
    if (!found) return { prompts: [say("supply_move.no_longer")], redirect: "goodbye" };
    const centre = deps.ledger.geography.districtOfCentre(found.booking.centreId)?.centre.name ?? "";
    return menu(
      "supply-move-menu",
      [say("supply_move.options")],
      [pairPrompt("supply_move.new_dates", found.booking, state.language, { centre })],
    );
  },
  async handle(ctx, input) {
    if (!identityConfirmed(ctx.state)) return { goto: "booking-identity" };
    const { state, deps } = ctx;
    const found = await noticeOf(ctx);
    if (!found) return { goto: "goodbye", prompts: [say("supply_move.no_longer")] };
    const choice = readChoice(input, ["1", "2"], { words: MOVE_WORDS });
    if (choice === "1") {
      await deps.afterBooking.moveNotices.answered(found.noticeId, "accepted");
      return { goto: "goodbye", prompts: [say("supply_move.accepted")] };
    }
    if (choice !== "2") return { invalid: "common.invalid_choice" };
    await deps.afterBooking.moveNotices.answered(found.noticeId, "changed");
    const booking = found.booking;
    state.lookedUpCode = booking.code;
    state.rebookCode = booking.code;
    state.rebookPerson = { ...booking.person };
    state.postcode = booking.person.postcode;
    state.centreId = booking.centreId;
    state.districtId = deps.ledger.geography.districtOfCentre(booking.centreId)?.id;
    return { goto: "offer" };
  },
  // The new dates were said and stand: silence twice means they were heard. Wrong keys twice: a person.
  giveUp: (_ctx, reason) => (reason === "no-input" ? { goto: "goodbye" } : { toOperator: reason }),
};

async function noticeOf({ state, deps }: StepContext) {
  const task = state.outboundTaskId ? await deps.afterBooking.outbound.find(state.outboundTaskId) : null;
  if (task?.kind !== "supply-move") return null;
  const notice = await deps.afterBooking.moveNotices.find(Number(task.subjectId));
  const booking = notice ? await deps.ledger.findBookingById(notice.bookingId) : null;
  return notice && booking?.status === "active" ? { noticeId: notice.id, booking } : null;
}
