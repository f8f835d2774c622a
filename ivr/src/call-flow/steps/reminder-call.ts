// The reminder call the day before an appointment. An answering machine hears who called and
// the hotline's number, nothing personal. A person hears the appointment (time, the centre's
// address, what to bring) and chooses: 1 ich komme, 2 absagen, 3 verschieben. A cancelled first
// appointment frees its pair at once and is offered to the waiting list the same day; moving
// goes through the phone menu's own offer, and the booking keeps its code.
import { isDomainError } from "../../domain/errors.ts";
import { parseReminderSubject } from "../../domain/reminders/reminders.ts";
import { sayDay, sayTime } from "../spoken-time.ts";
import type { HandleResult, Step, StepContext } from "../types.ts";
import { answeredAfterBooking, identityConfirmed } from "./booking-identity.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const REMINDER_WORDS = {
  "1": ["ich komme", "komme", "bestätigen"],
  "2": ["absagen", "stornieren"],
  "3": ["verschieben", "anderer termin", "anderen termin"],
};

export const reminderAnswer: Step = {
  name: "reminder-answer",
  enter: ({ state }) => answeredAfterBooking(state),
};

export const reminderMenu: Step = {
  name: "reminder-menu",
  async enter(ctx) {
    if (!identityConfirmed(ctx.state)) return { prompts: [], redirect: "booking-identity" };
    const { state, deps } = ctx;
    const found = await reminderOf(ctx);
    if (!found) return { prompts: [say("reminder.no_longer")], redirect: "goodbye" };
    const { booking, dose } = found;
    const startsAt = dose === 1 ? booking.firstStartsAt : booking.secondStartsAt;
    const centre = deps.ledger.geography.districtOfCentre(booking.centreId)?.centre;
    const address = centre ? [centre.street, `${centre.postcode ?? ""} ${centre.city}`.trim()].filter(Boolean) : [];
    return menu(
      "reminder-menu",
      // The choice before what to bring: the 1 comes within 20 s (docs/benchmarks.md).
      [say(dose === 1 ? "reminder.options" : "reminder.options_second"), say("reminder.bring")],
      [
        say("reminder.appointment", {
          dose,
          day: sayDay(startsAt, state.language),
          time: sayTime(startsAt, state.language),
          centre: centre?.name ?? "",
          address: address.join(", "),
        }),
      ],
    );
  },
  async handle(ctx, input) {
    if (!identityConfirmed(ctx.state)) return { goto: "booking-identity" };
    const { state, deps } = ctx;
    const found = await reminderOf(ctx);
    if (!found) return { goto: "goodbye", prompts: [say("reminder.no_longer")] };
    const { booking, dose } = found;
    const choice = readChoice(input, ["1", "2", "3"], { words: REMINDER_WORDS });
    if (choice === "1") {
      await deps.afterBooking.reminders.record(booking.id, dose, "confirmed");
      return { goto: "goodbye", prompts: [say("reminder.confirmed")] };
    }
    if (choice === "2") return cancel(ctx, found);
    if (choice === "3") {
      await deps.afterBooking.reminders.record(booking.id, dose, "moved");
      // A given first dose stays where it was: moving a second dose alone is a person's job.
      if (dose === 2) return { toOperator: "pressed-0" };
      state.lookedUpCode = booking.code;
      state.rebookCode = booking.code;
      state.rebookPerson = { ...booking.person };
      state.postcode = booking.person.postcode;
      state.centreId = booking.centreId;
      state.districtId = deps.ledger.geography.districtOfCentre(booking.centreId)?.id;
      state.offerAfter = new Date(booking.firstStartsAt.getTime() + 24 * 3600_000).toISOString();
      return { goto: "offer" };
    }
    return { invalid: "common.invalid_choice" };
  },
  // The appointment was said: silence twice means it was heard. Wrong keys twice: a person.
  giveUp: (_ctx, reason) => (reason === "no-input" ? { goto: "goodbye" } : { toOperator: reason }),
};

type Found = NonNullable<Awaited<ReturnType<typeof reminderOf>>>;

async function reminderOf({ state, deps }: StepContext) {
  const task = state.outboundTaskId ? await deps.afterBooking.outbound.find(state.outboundTaskId) : null;
  const subject = task?.kind === "reminder" ? parseReminderSubject(task.subjectId) : null;
  if (!subject) return null;
  const booking = await deps.ledger.findBookingById(subject.bookingId);
  return booking && booking.status === "active" ? { booking, dose: subject.dose } : null;
}

async function cancel({ state, deps }: StepContext, { booking, dose }: Found): Promise<HandleResult> {
  try {
    await deps.ledger.cancel(booking.code, "phone");
  } catch (error) {
    if (!isDomainError(error, "booking_not_active")) throw error;
  }
  state.cancelled = true;
  await deps.afterBooking.reminders.record(booking.id, dose, "cancelled");
  // The freed first appointment goes to the waiting list today (a second dose's pair began in the past).
  if (dose === 1) {
    await deps.afterBooking.standby
      .offerFreedPair({
        centreId: booking.centreId,
        firstSlotId: booking.firstSlotId,
        firstStartsAt: booking.firstStartsAt,
      })
      .catch((err) => deps.logger.warn({ err }, "freed pair not offered to the waiting list"));
  }
  return { goto: "goodbye", prompts: [say("reminder.cancelled")] };
}
