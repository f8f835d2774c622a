// Reads everything back, then books on "1". A repeated webhook of this step gets the cached
// answer; a retry after a crash uses the same idempotency key: either way, one booking.
import { DomainError } from "../../domain/errors.ts";
import type { CallState, StepContext, Step } from "../types.ts";
import { spokenBirthDate } from "../spoken-time.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";
import { sendConfirmationSms } from "./confirmation-sms.ts";
import { anotherDay } from "./offer.ts";
import { needsLetter, townOf } from "./contact-steps.ts";
import { spaced } from "./postcode.ts";

export const confirm: Step = {
  name: "confirm",
  enter({ state, deps }) {
    const held = state.held;
    const person = personOf(state);
    if (!held || !person) return { prompts: [], redirect: "offer" };
    const centre = deps.ledger.geography.districtOfCentre(held.centreId)?.centre.name ?? "";
    // What speech heard is said back here, once, with everything else: a wrong name or street
    // is recorded instead (3, 4), so nothing misheard ends up on a letter.
    return menu(
      "confirm",
      [
        say("confirm.options"),
        ...(state.spokenName ? [say("confirm.fix_name")] : []),
        ...(state.street ? [say("confirm.fix_address")] : []),
      ],
      [
        pairPrompt(state.spokenName ? "confirm.summary_named" : "confirm.summary", held, state.language, {
          centre,
          birthDate: spokenBirthDate(person.birthDate, state.language),
          ...(state.spokenName ? { name: state.spokenName } : {}),
        }),
        ...addressPrompt(state, deps),
      ],
    );
  },
  async handle(ctx, input) {
    const { state } = ctx;
    const choice = readChoice(input, ["1", "2", ...(state.spokenName ? ["3"] : []), ...(state.street ? ["4"] : [])], {
      words: {
        "1": ["buchen", "verbindlich"],
        "2": ["anderer termin", "anderen termin", "anderer tag", "anderen tag"],
        "3": ["name falsch", "falscher name"],
        "4": ["adresse falsch", "falsche adresse"],
      },
    });
    if (choice === "2") return anotherDay(state);
    if (choice === "3") {
      state.spokenName = undefined;
      return { goto: "name-record" as const };
    }
    if (choice === "4") {
      state.street = undefined;
      state.city = undefined;
      return { goto: "address-record" as const };
    }
    if (choice !== "1") return { invalid: "common.invalid_choice" };
    return book(ctx);
  },
};

/** The booking summary's words for the address: the letter goes there. */
const LETTER_ADDRESS = { town: "confirm.address", postcode: "confirm.address_postcode" };

/**
 * The street as heard, with the town of the postcode (or the postcode, when it has several), in
 * the summary's words for each.
 */
export function addressPrompt(state: CallState, deps: StepContext["deps"], keys = LETTER_ADDRESS) {
  if (!state.street) return [];
  const town = state.city ?? townOf(deps, state.postcode);
  return town
    ? [say(keys.town, { street: state.street, town })]
    : [say(keys.postcode, { street: state.street, postcode: spaced(state.postcode ?? "") })];
}

async function book(ctx: StepContext) {
  const { state, deps } = ctx;
  const held = state.held;
  const person = personOf(state);
  if (!held || !person) return { goto: "offer" as const };
  const request = {
    holdId: held.holdId,
    person,
    channel: "phone" as const,
    idempotencyKey: `${state.callSid}:${state.bookingAttempt}`,
  };
  const rebooking = Boolean(state.rebookCode);
  try {
    const result = state.rebookCode
      ? await deps.ledger.rebook(state.rebookCode, request)
      : await deps.ledger.book(request);
    state.bookings.push({
      code: result.code,
      ...(state.rebookCode ? { rebooked: true } : {}),
      centreId: held.centreId,
      firstStartsAt: held.firstStartsAt,
      secondStartsAt: held.secondStartsAt,
    });
    state.bookingAttempt += 1;
    // A new person may go through the same menus again without counting as going in circles.
    state.visits = {};
    state.held = undefined;
    state.offerAfter = undefined;
    state.rebookCode = undefined;
    state.rebookPerson = undefined;
    if (!rebooking) await saveContactDetails(ctx, result.code);
    await sendConfirmationSms(ctx, result.code, held).catch((err) =>
      deps.logger.warn({ err }, "confirmation SMS failed"),
    );
    return { goto: "booked" as const };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    state.held = undefined;
    switch (error.code) {
      case "slot_taken":
      case "hold_expired":
        return { goto: "offer" as const, prompts: [say("confirm.taken_meanwhile")] };
      case "already_booked":
        return { goto: "main-menu" as const, prompts: [say("confirm.already_booked")] };
      case "not_eligible":
        return { goto: "not-eligible" as const };
      case "booking_not_active":
        state.rebookCode = undefined;
        return { goto: "main-menu" as const, prompts: [say("code.cancelled")] };
      default:
        throw error;
    }
  }
}

function personOf(state: CallState) {
  if (state.rebookPerson) return state.rebookPerson;
  if (!state.birthDate || !state.postcode) return null;
  return {
    name: state.spokenName ?? null,
    nameRecordingUrl: state.nameRecordingUrl ?? null,
    birthDate: state.birthDate,
    phone: state.from,
    postcode: state.postcode,
  };
}

/**
 * The name's source and, for a letter, the address, saved beside the booking. A failure here
 * costs the letter, not the booking: the agents' worklist then shows the person without them.
 */
async function saveContactDetails({ state, deps }: StepContext, code: string): Promise<void> {
  await deps.contacts
    .saveDetails(code, {
      nameSource: state.spokenName ? "speech" : null,
      street: state.street ?? null,
      city: state.city ?? null,
      addressRecordingUrl: state.addressRecordingUrl ?? null,
      letter: needsLetter(state),
      // The reminder the day before speaks the language of this call (issue 18).
      language: state.language,
    })
    .catch((err) => deps.logger.warn({ err }, "contact details not saved"));
}
