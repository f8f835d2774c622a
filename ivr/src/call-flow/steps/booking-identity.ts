// The identity policy (domain/outbound/identity-policy.ts) on the automated calls after a
// booking: reminders, standby offers and supply-move calls. Who is calling and why, the hotline
// number, "never money or bank details"; then day and month of birth (TTMM) before anything
// personal. Two wrong or missing answers: the invitation call's identity-failed step (no
// details, the hotline number, a kind goodbye). The menu steps after it refuse to speak until
// `outboundIdentity.confirmed` is set.
import { confirmsBirthDate, spokenDigits } from "../../domain/outbound/identity-policy.ts";
import { parseReminderSubject } from "../../domain/reminders/reminders.ts";
import { parseStandbySubject } from "../../domain/standby/standby.ts";
import type { CallState, Step, StepContext, StepName, StepOutcome } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { entry, say } from "./step-kit.ts";

/** Why the call is made, per kind (said after the hotline's introduction). */
const WHY: Record<string, string> = {
  reminder: "reminder.why",
  standby: "standby.why",
  "supply-move": "supply_move.why",
};
/** The step a confirmed person continues at, per kind. */
const NEXT: Record<string, StepName> = {
  reminder: "reminder-menu",
  standby: "standby-menu",
  "supply-move": "supply-move-menu",
};

export const bookingIdentity: Step = {
  name: "booking-identity",
  async enter(ctx) {
    const task = await taskOf(ctx);
    if (!task || !WHY[task.kind]) return { prompts: [], redirect: "goodbye" };
    return entry(
      "booking-identity",
      [
        say("outbound.intro"),
        say(WHY[task.kind]!),
        say("outbound.no_money"),
        // The question before the number to call back: asked within 20 s (docs/benchmarks.md).
        say("outbound.ask_birth_date"),
        say("outbound.call_back", { hotline: spokenDigits(ctx.deps.afterBooking.hotlinePhone) }),
      ],
      { numDigits: 4, hints: BIRTH_DATE_HINTS },
    );
  },
  async handle(ctx, input) {
    const task = await taskOf(ctx);
    const birthDate = task ? await birthDateOf(ctx, task) : null;
    if (!task || !birthDate) return { goto: "identity-failed" };
    const date = readBirthDate(input, ctx.deps.clock.now(), Number(birthDate.slice(0, 4)));
    if (!date || !confirmsBirthDate(birthDate, date)) return { invalid: "outbound.birth_date_wrong" };
    ctx.state.outboundIdentity = { taskId: task.id, confirmed: true };
    return { goto: NEXT[task.kind]! };
  },
  giveUp: () => ({ goto: "identity-failed" }),
};

/** An automated call after a booking was answered: a machine hears no personal data, a person the identity check first. */
export function answeredAfterBooking(state: CallState): StepOutcome {
  return { prompts: [], redirect: state.answeredBy === "machine" ? "outbound-machine" : "booking-identity" };
}

/** Whether the person on this call confirmed their birth date for this call's task. */
export function identityConfirmed(state: CallState): boolean {
  return state.outboundIdentity?.confirmed === true && state.outboundIdentity.taskId === state.outboundTaskId;
}

async function taskOf({ state, deps }: StepContext) {
  return state.outboundTaskId ? deps.afterBooking.outbound.find(state.outboundTaskId) : null;
}

async function birthDateOf(ctx: StepContext, task: { kind: string; subjectId: string }): Promise<string | null> {
  const { deps } = ctx;
  let bookingId: number | null = null;
  if (task.kind === "reminder") bookingId = parseReminderSubject(task.subjectId)?.bookingId ?? null;
  if (task.kind === "supply-move")
    bookingId = (await deps.afterBooking.moveNotices.find(Number(task.subjectId)))?.bookingId ?? null;
  if (task.kind === "standby") {
    const subject = parseStandbySubject(task.subjectId);
    return subject ? ((await deps.afterBooking.standby.entry(subject.entryId))?.birthDate ?? null) : null;
  }
  return bookingId === null ? null : ((await deps.ledger.findBookingById(bookingId))?.person.birthDate ?? null);
}
