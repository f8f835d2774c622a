// A rebooking call (a missed first dose) was answered: greeted, then put through to the next
// free agent, whose screen shows the booking's centre and that the first dose was missed.
import { joinQueue } from "./operator.ts";
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const rebookAnswer: Step = {
  name: "rebook-answer",
  async enter({ state, deps }) {
    const task = state.outboundTaskId ? await deps.afterBooking.outbound.find(state.outboundTaskId) : null;
    const booking = task?.kind === "rebook" ? await deps.ledger.findBookingById(Number(task.subjectId)) : null;
    if (state.answeredBy === "machine" || !booking) {
      return { prompts: [say("rebook.machine", { hotline: deps.afterBooking.hotlinePhone })], redirect: "goodbye" };
    }
    // No recording says anything personal here: the agent who takes the call checks who answered,
    // as with any caller (the birth date is on their screen, not said to the callee).
    state.operatorReason = "first-dose-missed";
    state.missedBooking = {
      code: booking.code,
      firstStartsAt: booking.firstStartsAt.toISOString(),
      secondStartsAt: booking.secondStartsAt.toISOString(),
    };
    state.centreId = booking.centreId;
    state.postcode = booking.person.postcode;
    state.birthDate = booking.person.birthDate;
    const outcome = await joinQueue(state, deps);
    return {
      ...outcome,
      prompts: [say("rebook.greeting", { hotline: deps.afterBooking.hotlinePhone }), ...outcome.prompts],
    };
  },
};
