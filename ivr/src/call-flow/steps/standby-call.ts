// The standby call: doses are left over today at a centre near the person. An answering machine
// hears who called and the hotline's number, nothing else (the dose will be gone by the time
// they listen). A person hears the centre and until when, and presses 1 to come or 2 not to.
// The first to accept get the doses, with the second appointment booked at once; whoever is
// too late hears exactly that and stays on the waiting list.
import { parseStandbySubject } from "../../domain/standby/standby.ts";
import { sayDay, sayTime } from "../spoken-time.ts";
import type { Step, StepContext } from "../types.ts";
import { answeredAfterBooking, identityConfirmed } from "./booking-identity.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const STANDBY_WORDS = { "1": ["ich komme", "komme", "ja gerne"], "2": ["nein danke", "kann nicht"] };

export const standbyAnswer: Step = {
  name: "standby-answer",
  enter: ({ state }) => answeredAfterBooking(state),
};

export const standbyMenu: Step = {
  name: "standby-menu",
  async enter(ctx) {
    if (!identityConfirmed(ctx.state)) return { prompts: [], redirect: "booking-identity" };
    const { deps } = ctx;
    const found = await offerOf(ctx);
    if (!found) return { prompts: [say("standby.gone")], redirect: "goodbye" };
    const { offer } = found;
    // Said before anything else: nobody is asked to come for a dose already gone.
    if (!deps.afterBooking.standby.stillOpen(offer)) {
      return { prompts: [say("standby.gone")], redirect: "goodbye" };
    }
    const centre = deps.ledger.geography.districtOfCentre(offer.centreId)?.centre;
    return menu(
      "standby-menu",
      [say("standby.options")],
      [
        say("standby.offer", {
          centre: centre?.name ?? "",
          address: centre ? [centre.street, centre.city].filter(Boolean).join(", ") : "",
          until: sayTime(offer.usableUntil, ctx.state.language),
        }),
      ],
    );
  },
  async handle(ctx, input) {
    if (!identityConfirmed(ctx.state)) return { goto: "booking-identity" };
    const { state, deps } = ctx;
    const found = await offerOf(ctx);
    if (!found) return { goto: "goodbye", prompts: [say("standby.gone")] };
    const choice = readChoice(input, ["1", "2"], { yesNo: true, words: STANDBY_WORDS });
    if (choice === "2") {
      await deps.afterBooking.standby.declined(found.offer.id, found.entryId);
      return { goto: "goodbye", prompts: [say("standby.declined")] };
    }
    if (choice !== "1") return { invalid: "common.invalid_choice" };
    const result = await deps.afterBooking.standby.accept(found.offer.id, found.entryId);
    if (!result.won) return { goto: "goodbye", prompts: [say("standby.too_late")] };
    const booking = await deps.ledger.findBookingById(result.booking.bookingId);
    return {
      goto: "goodbye",
      prompts: [
        say("standby.booked", {
          until: sayTime(found.offer.usableUntil, state.language),
          secondDay: booking ? sayDay(booking.secondStartsAt, state.language) : "",
          secondTime: booking ? sayTime(booking.secondStartsAt, state.language) : "",
        }),
        say("standby.code"),
        { code: result.booking.code },
      ],
    };
  },
  // Silence or wrong keys twice: no dose is taken for someone who did not say yes.
  giveUp: () => ({ goto: "goodbye" }),
};

async function offerOf({ state, deps }: StepContext) {
  const task = state.outboundTaskId ? await deps.afterBooking.outbound.find(state.outboundTaskId) : null;
  const subject = task?.kind === "standby" ? parseStandbySubject(task.subjectId) : null;
  if (!subject) return null;
  const offer = await deps.afterBooking.standby.find(subject.offerId);
  return offer ? { offer, entryId: subject.entryId } : null;
}
