// Registering on the waiting list by phone: "send me an appointment" instead of booking one now.
// Offered as a choice of its own (main menu, 3), when the caller's region has no free pair, and
// to callers not yet eligible whose age group has been announced (WAITLIST_FROM_AGE). The caller
// gives what a letter needs (birth date, name, street) and how to be reached, hears it said back,
// and leaves with a registration number and the truth about what happens next.
import { DomainError } from "../../domain/errors.ts";
import { spokenDigits } from "../../domain/outbound/identity-policy.ts";
import { isGermanMobile } from "../../domain/telephony/phone-number.ts";
import type { CallState, HandleResult, Prompt, Step, StepContext, StepName } from "../types.ts";
import { spokenBirthDate } from "../spoken-time.ts";
import { registerCallback } from "./callback-number.ts";
import { waitlistNext } from "./contact-steps.ts";
import { forAnotherPerson } from "./not-eligible.ts";
import { addressPrompt } from "./confirm.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export type WaitlistReason = NonNullable<CallState["waitlist"]>["reason"];

/** Starts the registration: the birth date first (unless known), then name, street, contact. */
export function startWaitlist(state: CallState, reason: WaitlistReason): HandleResult {
  state.waitlist = { reason };
  state.held = undefined;
  return { goto: state.birthDate ? waitlistNext(state) : "birth-date" };
}

/** The region has no free pair, or the caller's group is announced but not yet called. */
export const waitlistOffer: Step = {
  name: "waitlist-offer",
  enter(ctx) {
    const { state, deps } = ctx;
    const announced = state.waitlistOffered === "announced";
    return menu(
      "waitlist-offer",
      announced
        ? [say("waitlist.offer_announced"), say("waitlist.or_other_person"), say("waitlist.or_end", { key: 3 })]
        : [say("waitlist.offer"), say("waitlist.or_end", { key: 2 })],
      announced ? [say("waitlist.announced", { minAge: deps.settings.minAge })] : regionFull(ctx),
    );
  },
  handle({ state }, input) {
    const announced = state.waitlistOffered === "announced";
    const choice = readChoice(input, ["1", "2", ...(announced ? ["3"] : [])], {
      words: { "1": ["zuschicken", "warteliste", "anmelden"], "2": ["beenden", "auflegen", "nein danke"] },
    });
    if (choice === "1") return startWaitlist(state, announced ? "announced" : "region-full");
    if (announced && choice === "2") return forAnotherPerson(state);
    if (choice === "2" || choice === "3") return { goto: "goodbye" };
    return { invalid: "common.invalid_choice" };
  },
  // Silence twice where the region is full: a caller ID is kept for a call when supply comes
  // (what the hotline did before the waiting list); otherwise goodbye with the hours.
  giveUp(ctx) {
    const { state } = ctx;
    if (state.waitlistOffered === "announced" || !state.from) return { goto: "goodbye" };
    state.callbackReason = "awaiting-supply";
    state.callbackPhone = { number: state.from, source: "caller-id" };
    return registerCallback(ctx, { sayNumber: true });
  },
};

/** "Im Gebiet der KV … sind im Moment alle Impftermine vergeben." (inside the menu: a key cuts it short) */
function regionFull({ state, deps }: StepContext): Prompt[] {
  const district = state.districtId !== undefined ? deps.ledger.geography.district(state.districtId) : undefined;
  const region = district ? deps.ledger.geography.region(district.regionId) : undefined;
  return [say("alternatives.region_full", { region: region?.name ?? "" })];
}

/**
 * What the centre must know on the day, one question: a wheelchair (on the centre's list), or
 * cannot come at all (the entry is flagged for the district's home visits, never sent to a
 * centre). Silence twice: nothing special, the registration goes on.
 */
export const waitlistNeeds: Step = {
  name: "waitlist-needs",
  enter() {
    return menu("waitlist-needs", [
      say("waitlist.needs_wheelchair"),
      say("waitlist.needs_home"),
      say("waitlist.needs_none"),
    ]);
  },
  handle({ state }, input) {
    const choice = readChoice(input, ["1", "2", "3"], {
      words: { "1": ["rollstuhl"], "2": ["hausbesuch", "bettlägerig"], "3": ["nein", "nichts", "weiter"] },
    });
    if (!choice || !state.waitlist) return { invalid: "common.invalid_choice" };
    state.waitlist.needs = choice === "1" ? "wheelchair" : choice === "2" ? "home-visit" : "none";
    return { goto: waitlistNext(state) };
  },
  giveUp: ({ state }) => {
    if (state.waitlist) state.waitlist.needs = "none";
    return { goto: waitlistNext(state) };
  },
};

const CONTACT_WORDS = {
  "1": ["meine nummer", "eigene nummer", "ja"],
  "2": ["angehörige", "tochter", "sohn", "angehörigen"],
  "3": ["brief", "nur brief", "schreiben"],
};

/** How the appointment reaches the person: a call to this number (whose), or a letter only. */
export const waitlistContact: Step = {
  name: "waitlist-contact",
  enter({ state }) {
    if (!state.from) return { prompts: [], redirect: contactWithoutNumber(state) };
    const letter = state.street ? [say("waitlist.contact_letter")] : [];
    return menu(
      "waitlist-contact",
      [say("waitlist.contact_own"), say("waitlist.contact_relative"), ...letter],
      [say("waitlist.contact_intro")],
    );
  },
  handle({ state }, input) {
    const allowed = state.street ? ["1", "2", "3"] : ["1", "2"];
    const choice = readChoice(input, allowed, { words: CONTACT_WORDS });
    if (!choice || !state.waitlist) return { invalid: "common.invalid_choice" };
    state.waitlist.contact = choice === "1" ? "self" : choice === "2" ? "relative" : "letter";
    return { goto: "waitlist-confirm" };
  },
};

/** A withheld number: only a letter can reach the person, and only with a street. */
function contactWithoutNumber(state: CallState): StepName {
  if (!state.street) return "operator";
  state.waitlist!.contact = "letter";
  return "waitlist-confirm";
}

/** Everything said back once; "2" asks name and street again (nothing misheard gets a letter). */
export const waitlistConfirm: Step = {
  name: "waitlist-confirm",
  enter(ctx) {
    const { state } = ctx;
    const next = waitlistNext(state);
    if (next !== "waitlist-confirm") return { prompts: [], redirect: next };
    return menu("waitlist-confirm", [say("waitlist.confirm_options")], summary(ctx));
  },
  async handle(ctx, input) {
    const { state } = ctx;
    const choice = readChoice(input, ["1", "2"], {
      yesNo: true,
      words: { "1": ["richtig", "stimmt", "anmelden"], "2": ["falsch", "ändern"] },
    });
    if (choice === "2") {
      state.spokenName = undefined;
      state.street = undefined;
      state.city = undefined;
      state.addressGivenUp = undefined;
      if (state.waitlist) state.waitlist = { reason: state.waitlist.reason };
      return { goto: "name", prompts: [say("waitlist.again")] };
    }
    if (choice !== "1") return { invalid: "common.invalid_choice" };
    return register(ctx);
  },
};

function summary({ state, deps }: StepContext): Prompt[] {
  const prompts: Prompt[] = [
    say("waitlist.summary", {
      name: state.spokenName ?? "",
      birthDate: spokenBirthDate(state.birthDate!, state.language),
    }),
  ];
  prompts.push(...addressPrompt(state, deps, { town: "waitlist.address", postcode: "waitlist.address_postcode" }));
  const needs = state.waitlist?.needs;
  if (needs === "wheelchair") prompts.push(say("waitlist.said_wheelchair"));
  if (needs === "home-visit") prompts.push(say("waitlist.said_home"));
  const contact = state.waitlist?.contact;
  prompts.push(say(contact === "letter" || !state.from ? "waitlist.by_letter" : "waitlist.by_call"));
  return prompts;
}

async function register({ state, deps }: StepContext): Promise<HandleResult> {
  const contact = state.waitlist?.contact;
  if (!deps.waitlist || !state.birthDate || !state.spokenName || !state.postcode || !contact)
    return { toOperator: "technical" };
  const calls = contact !== "letter" && Boolean(state.from);
  if (await deps.registrations?.callerRegistration(state.from))
    return { toOperator: "registrations-limit", prompts: [say("waitlist.limit")] };
  try {
    const { entry, created } = await deps.waitlist.register(
      {
        name: state.spokenName,
        birthDate: state.birthDate,
        postcode: state.postcode,
        street: state.street ?? null,
        city: state.city ?? null,
        phone: calls ? state.from : null,
        relation: contact === "letter" ? "self" : contact,
        language: state.language,
        preferredCentreId: null,
        consentCalls: calls,
        wheelchair: state.waitlist?.needs === "wheelchair",
        homeVisit: state.waitlist?.needs === "home-visit",
        consentSms: calls && isGermanMobile(state.from),
      },
      "phone",
      `phone:${state.callSid}`,
    );
    const homeVisit = state.waitlist?.needs === "home-visit";
    state.registered = {
      number: entry.registrationNumber,
      created,
      byLetter: !calls,
      homeVisit,
      // Home visits are the district's, not the runs': no estimate for them.
      weeks: created && !homeVisit ? await weeksFor(deps, entry) : null,
    };
    return { goto: "waitlist-registered" };
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_eligible") return { goto: "not-eligible" };
    if (error instanceof DomainError) return { toOperator: "cannot-book" };
    throw error;
  }
}

/** The estimate is a courtesy: a failure to count leaves the truthful "it depends". */
async function weeksFor(deps: StepContext["deps"], entry: { regionId: string; priorityGroup: number }) {
  try {
    return (await deps.waitEstimates?.weeksFor(entry)) ?? null;
  } catch (error) {
    deps.logger.warn({ err: error }, "no wait estimate for a registration");
    return null;
  }
}

/** "In etwa 4 Wochen, wenn so viele eingeladen werden wie letzte Woche", or "it depends". */
function whenPrompt(weeks: number | null | undefined): Prompt {
  if (!weeks) return say("waitlist.when");
  if (weeks === 1) return say("waitlist.when_one");
  if (weeks > 12) return say("waitlist.when_long");
  return say("waitlist.when_weeks", { weeks });
}

/**
 * The registration number, twice, and what happens next, truthfully: no date can be promised
 * (it depends on deliveries), and the order is drawn by lot, oldest groups first, so calling
 * again gains nothing. An entry that existed already is not read out: whoever knows a
 * name and birth date must not learn another person's number (an agent can help).
 */
export const waitlistRegistered: Step = {
  name: "waitlist-registered",
  acceptsSilence: true,
  enter({ state }) {
    const registered = state.registered;
    if (!registered) return { prompts: [], redirect: "goodbye" };
    if (!registered.created) return { prompts: [say("waitlist.already_listed")], redirect: "goodbye" };
    const number = spokenDigits(registered.number);
    return menu(
      "waitlist-registered",
      [say("waitlist.registered_options")],
      [
        say("waitlist.registered"),
        say("waitlist.number", { number }),
        say("waitlist.number_again", { number }),
        say(
          registered.homeVisit
            ? "waitlist.next_home"
            : registered.byLetter
              ? "waitlist.next_letter"
              : "waitlist.next_call",
        ),
        ...(registered.homeVisit ? [] : [whenPrompt(registered.weeks), say("waitlist.lottery")]),
      ],
    );
  },
  handle({ state }, input) {
    const choice = readChoice(input, ["1", "2"], { words: { "1": ["wiederholen", "nochmal"] } });
    if (choice === "1" && state.registered)
      return { goto: "goodbye", prompts: [say("waitlist.number", { number: spokenDigits(state.registered.number) })] };
    return { goto: "goodbye" };
  },
  giveUp: () => ({ goto: "goodbye" }),
};
