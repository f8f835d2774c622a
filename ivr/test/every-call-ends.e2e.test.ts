// No caller is ever trapped: from every step of the phone menu, a caller who says nothing, or
// presses and says random things, reaches an end within a bounded number of webhooks. An end
// is a booking, a registered callback, a person (the agent queue with someone signed in), or a
// goodbye that says when to call again. The routes below reach each registered step; the test
// fails when a step has no route, so a new step cannot be added without being tried here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CallEmulator,
  ScriptedCaller,
  type CallerInput,
  type CallerPrompt,
  type ScriptStep,
} from "../../scripts/phone/call-emulator.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGES } from "../src/contracts/languages.ts";
import { STEP_NAMES, type StepName } from "../src/contracts/menu-steps.ts";
import { LOCALES_DIR } from "../src/i18n.ts";
import { FakeClock } from "./support/clock.ts";
import { givenInvitation } from "./support/invitations.ts";
import { givenOutboundTask } from "./support/outbound-task.ts";
import { givenAgents, givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

/** Webhooks a caller may need from the step reached to the end of the call. */
const MAX_WEBHOOKS = 25;
/** Six seeded random callers per step in CI; EVERY_CALL_RANDOM_CALLS=200 for a longer search. */
const RANDOM_CALLS_PER_STEP = Number(process.env.EVERY_CALL_RANDOM_CALLS ?? 6);
const OPEN = "2021-01-25T09:00:00+01:00";
const CLOSED = "2021-01-25T23:00:00+01:00";

interface Route {
  /** Input that brings a caller to the step (the step's own prompt is the next one). */
  script: ScriptStep[];
  agents?: boolean;
  closed?: boolean;
  /** For outbound callbacks: the call starts at this webhook instead of /voice/incoming. */
  incomingPath?: (s: TestServices, from: string) => Promise<string>;
  /** Steps without a prompt of their own: reached when the path passes them. */
  passThrough?: boolean;
  /** The caller ID, when the step needs one the hotline knows. */
  from?: string;
  /** An outbound call placed with machine detection: who answered. */
  answeredBy?: "human" | "machine_end_beep";
}

const OFFER = ["silence", "2", "1938", "33330"];
/** "Send me an appointment" (main menu, 3): year, postcode, day of birth; then name and street. */
const WAITLIST = ["silence", "3", "1938", "33330", "0303"];
/** A different name for every call: people who share birth date and postcode stay apart. */
const NAME = (n: number) =>
  `Anna Schmidt ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`;
const CODE = async (s: TestServices, n: number) => {
  const centre = givenCentre(s, "Kreis Gütersloh").centre;
  const [pair] = await s.ledger.freePairs(centre.id);
  const { code } = await s.ledger.book({ firstSlotId: pair!.firstSlotId, person: person(n), channel: "agent" });
  return (await s.ledger.lookup(code)).keypadCode;
};

/** The automated invitation call of a person invited just now (their phone: the caller's number). */
const INVITATION_CALL = (n: number) => async (s: TestServices, from: string) => {
  // Born a year before the booking routes' callers: NAME has 676 values, and a name and birth date
  // the ledger already booked would make the registration "booked" rather than waiting.
  const { taskId } = await givenInvitation(s, { name: NAME(n + 500), phone: from, birthDate: "1937-03-03" });
  return `/voice/outbound/answer?task=${taskId}`;
};

/** Every step, and how a caller gets there. Record<StepName, …>: a new step needs a route. */
const ROUTES = (s: TestServices, n: () => number): Record<StepName, () => Promise<Route>> => ({
  welcome: async () => ({ script: [] }),
  // Closed, German callers hear the callback offer at once; another language passes "closed".
  closed: async () => ({ script: ["4"], closed: true, passThrough: true }),
  "main-menu": async () => ({ script: ["silence"] }),
  "code-entry": async () => ({ script: ["silence", "1"] }),
  "code-verify": async () => ({ script: ["silence", "1", await CODE(s, n())] }),
  "code-menu": async () => ({ script: ["silence", "1", await CODE(s, n()), "03031938"] }),
  "cancel-confirm": async () => ({ script: ["silence", "1", await CODE(s, n()), "03031938", "2"] }),
  "code-lost-birth-date": async () => ({ script: ["silence", "1", "1#"] }),
  "code-lost-postcode": async () => ({ script: ["silence", "1", "1#", "03031938"] }),
  "code-lost-phone": async () => ({ script: ["silence", "1", "1#", "03031938", "33330"] }),
  "code-lost-none": async () => ({ script: ["silence", "1", "1#", "03031938", "33330", "0521999999#"] }),
  "code-lost-found": async () => {
    const k = n();
    await CODE(s, k);
    return { script: ["silence", "1", "1#", "03031938", "33330"], from: person(k).phone };
  },
  "birth-year": async () => ({ script: ["silence", "2"] }),
  "not-eligible": async () => ({ script: ["silence", "2", "1990"] }),
  postcode: async () => ({ script: ["silence", "2", "1938"] }),
  "read-back": async () => ({ script: ["silence", "2", "s:neunzehnhundertachtunddreißig"] }),
  "choose-district": async () => ({ script: ["silence", "2", "1938", "51467"] }),
  offer: async () => ({ script: OFFER }),
  alternatives: async () => ({ script: [...OFFER, "3"] }),
  "birth-date": async () => ({ script: [...OFFER, "1"] }),
  name: async () => ({ script: [...OFFER, "1", "03031938"] }),
  "name-record": async () => ({ script: [...OFFER, "1", "03031938", "silence"] }),
  address: async () => ({ script: [...OFFER, "1", "03031938", `s:${NAME(n())}`] }),
  "address-record": async () => ({ script: [...OFFER, "1", "03031938", `s:${NAME(n())}`, "silence"] }),
  confirm: async () => ({ script: [...OFFER, "1", "03031938", `s:${NAME(n())}`, "s:Hauptstraße 5"] }),
  // An announced group (WAITLIST_FROM_AGE=75 below): 77 on the day of these calls.
  "waitlist-offer": async () => ({ script: ["silence", "2", "1944"] }),
  "waitlist-needs": async () => ({ script: [...WAITLIST, `s:${NAME(n())}`, "s:Hauptstraße 5"] }),
  "waitlist-contact": async () => ({ script: [...WAITLIST, `s:${NAME(n())}`, "s:Hauptstraße 5", "3"] }),
  "waitlist-confirm": async () => ({ script: [...WAITLIST, `s:${NAME(n())}`, "s:Hauptstraße 5", "3", "1"] }),
  "waitlist-registered": async () => ({
    script: [...WAITLIST, `s:${NAME(n())}`, "s:Hauptstraße 5", "3", "1", "1"],
  }),
  booked: async () => ({ script: [...OFFER, "1", "03031938", `s:${NAME(n())}`, "s:Hauptstraße 5", "1"] }),
  operator: async () => ({ script: ["silence", "0"], passThrough: true }),
  "callback-offer": async () => ({ script: ["silence", "0"] }),
  "callback-number": async () => ({ script: ["silence", "0", "1"] }),
  "callback-number-entry": async () => ({ script: ["silence", "0", "1", "2"] }),
  "queue-wait": async () => ({ script: ["silence", "0"], agents: true }),
  "queue-left": async () => ({ script: ["silence", "0", "1"], agents: true, passThrough: true }),
  "callback-answer": async () => ({
    script: [],
    agents: true,
    passThrough: true,
    incomingPath: async (services, from) => {
      const { request } = await services.callbacks.register({
        phone: from,
        phoneSource: "caller-id",
        language: "de",
        reason: "agent",
        birthYear: 1938,
        hasCode: false,
        context: {},
        holdId: null,
        originCallSid: null,
      });
      return `/voice/callback/answer?request=${request.id}`;
    },
  }),
  // Automated outbound calls (issue 18): answered by a person, entered at the kind's answer step.
  "reminder-answer": async () => ({ script: [], passThrough: true, incomingPath: outboundAnswer("reminder") }),
  "booking-identity": async () => ({ script: [], incomingPath: outboundAnswer("reminder") }),
  "reminder-menu": async () => ({ script: ["0303"], incomingPath: outboundAnswer("reminder") }),
  "standby-answer": async () => ({ script: [], passThrough: true, incomingPath: outboundAnswer("standby") }),
  "standby-menu": async () => ({ script: ["0303"], incomingPath: outboundAnswer("standby") }),
  "rebook-answer": async () => ({
    script: [],
    agents: true,
    passThrough: true,
    incomingPath: outboundAnswer("rebook"),
  }),
  "supply-move-answer": async () => ({ script: [], passThrough: true, incomingPath: outboundAnswer("supply-move") }),
  "supply-move-menu": async () => ({ script: ["0303"], incomingPath: outboundAnswer("supply-move") }),
  "invitation-answer": async () => ({ script: [], passThrough: true, incomingPath: INVITATION_CALL(n()) }),
  "outbound-machine": async () => ({
    script: [],
    passThrough: true,
    incomingPath: INVITATION_CALL(n()),
    answeredBy: "machine_end_beep",
  }),
  "identity-check": async () => ({ script: [], incomingPath: INVITATION_CALL(n()) }),
  "identity-failed": async () => ({ script: ["1111", "1111"], passThrough: true, incomingPath: INVITATION_CALL(n()) }),
  "invitation-offer": async () => ({ script: ["0303"], incomingPath: INVITATION_CALL(n()) }),
  "invitation-other": async () => ({ script: ["0303", "2"], incomingPath: INVITATION_CALL(n()) }),
  goodbye: async () => ({ script: ["silence", "2", "1990", "2"], passThrough: true }),
});

/** A task of this kind about a fresh subject, for the caller's number: the answer webhook's path. */
function outboundAnswer(kind: "reminder" | "standby" | "rebook" | "supply-move") {
  return async (services: TestServices, from: string) =>
    `/voice/outbound/answer?task=${await givenOutboundTask(services, kind, Number(from.slice(-5)), "de", from)}`;
}

type Strategy = (prompt: CallerPrompt) => CallerInput;

const silence: Strategy = () => ({ silence: true });

/** Keys, digit strings, German words (some of them the menu's own) and silence, seeded. */
function randomCaller(seed: number): Strategy {
  let x = seed * 2654435761 || 1;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const words = ["ja", "nein", "eins", "zwei", "drei", "Köln", "hallo", "wie bitte", "beenden", "buchen", "warten"];
  return (prompt) => {
    if (prompt.kind === "record") return next() < 0.5 ? { recording: { seconds: 2, endedBy: "#" } } : { silence: true };
    const roll = next();
    if (roll < 0.2) return { silence: true };
    if (roll < 0.7) return { digits: pick(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]) };
    if (roll < 0.8) return { digits: String(Math.floor(next() * 10 ** (4 + Math.floor(next() * 5)))) };
    return { speech: pick(words) };
  };
}

/** Follows the route's script, then answers with the strategy; notes where the switch happened. */
class RouteCaller {
  private readonly scripted: ScriptedCaller;
  switchedAt: { action: string; requests: number } | null = null;
  emulator: CallEmulator | null = null;

  constructor(
    script: ScriptStep[],
    private readonly strategy: Strategy,
  ) {
    this.scripted = new ScriptedCaller(script);
  }

  readonly answer = async (prompt: CallerPrompt): Promise<CallerInput> => {
    if (this.scripted.remaining > 0) return this.scripted.answer(prompt);
    this.switchedAt ??= { action: prompt.action, requests: this.emulator!.requests.length };
    return this.strategy(prompt);
  };
}

/** Per language: the "when to call again" sentence (hours filled in) and the goodbye. */
const FAREWELLS: [RegExp, string][] = LANGUAGES.map((language) => {
  const voice = JSON.parse(readFileSync(join(LOCALES_DIR, language, "voice.json"), "utf8"));
  const again = (voice.common.call_again as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [new RegExp(`^${again.replace(/\\\{\\\{(opens|closes)\\\}\\\}/g, "[0-9:]+")}$`), voice.common.goodbye];
});

const ENDS = ["booking", "cancellation", "callback", "registration", "person", "goodbye with the hours"] as const;
type End = (typeof ENDS)[number];

describe.each(DB_KINDS)("every call ends on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const clock = new FakeClock();
  let counter = 0;
  const nextNumber = () => ++counter;

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(400);
    await givenCentre(s, "Köln").withFreePairs(20);
    server = await startTestServer(s, { WAITLIST_FROM_AGE: "75" });
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  async function endOf(
    callSid: string,
    from: string,
    emulator: CallEmulator,
    state: { cancelled?: boolean; bookings?: unknown[]; registered?: { number: string } },
  ): Promise<End | string> {
    if (emulator.state === "queued" || emulator.events.some((e) => e.type === "dequeue" && e.result === "bridged")) {
      const working = await s.queue.estimateAt(1);
      return working ? "person" : "queued with nobody signed in";
    }
    if (emulator.state !== "completed") return `call state ${emulator.state}`;
    const booked = await s.db.prisma.booking.count({ where: { idempotencyKey: { startsWith: `${callSid}:` } } });
    // An accepted invitation books under the invitation's key; the call's state has the booking.
    if (booked > 0 || (state.bookings?.length ?? 0) > 0) return "booking";
    // A callback request for the caller's number: made in this call, or one already pending
    // that the caller was told about ("bereits vorgemerkt").
    const callbacks = await s.db.prisma.callbackRequest.count({ where: { phone: from } });
    if (callbacks > 0) return "callback";
    // On the waiting list: the number said in the call is on file.
    if (state.registered) {
      const listed = await s.db.query(`SELECT 1 FROM waitlist_entry WHERE registration_number = $1`, [
        state.registered.number,
      ]);
      if (listed.length === 1) return "registration";
    }
    // A cancellation asked for and done is the caller's end, too.
    if (state.cancelled) return "cancellation";
    // The last words: "when to call again" and goodbye, in the caller's language.
    const last = emulator.events.filter((e) => e.type === "say").slice(-2);
    const [hours, bye] = last.map((e) => (e.type === "say" ? e.text : ""));
    if (last.length === 2 && FAREWELLS.some(([again, goodbye]) => again.test(hours ?? "") && bye === goodbye))
      return "goodbye with the hours";
    const spoken = emulator.spokenText().trim();
    return `ended without an end (${emulator.state}): …${spoken.slice(-300).replace(/\s+/g, " ")}`;
  }

  async function callFrom(step: StepName, strategy: Strategy) {
    const route = await ROUTES(s, nextNumber)[step]();
    clock.set(route.closed ? CLOSED : OPEN);
    // Each call meets the same hotline: nobody else waiting, one agent or none.
    await s.db.prisma.queuedCall.deleteMany({});
    await s.db.prisma.agent.deleteMany({});
    if (route.agents) await givenAgents(s, 1);
    const from = route.from ?? `+4952419${String(nextNumber()).padStart(5, "0")}`;
    const caller = new RouteCaller(route.script, strategy);
    const emulator = new CallEmulator({
      baseUrl: server.url,
      authToken: TEST_AUTH_TOKEN,
      from,
      caller,
      maxRequests: 80,
      ...(route.incomingPath ? { incomingPath: await route.incomingPath(s, from) } : {}),
      ...(route.answeredBy ? { answeredBy: route.answeredBy } : {}),
    });
    caller.emulator = emulator;
    let error: unknown = null;
    await emulator.run().catch((e: unknown) => (error = e));
    const callSid = emulator.identity.callSid;
    const session = await s.db.prisma.callSession.findUnique({ where: { callSid } });
    const state = (session?.state ?? {}) as {
      path?: string[];
      cancelled?: boolean;
      bookings?: unknown[];
      registered?: { number: string };
    };
    return { route, caller, emulator, error, callSid, from, path: state.path ?? [], state };
  }

  async function expectAnEnd(step: StepName, strategy: Strategy) {
    const { route, caller, emulator, error, callSid, from, path, state } = await callFrom(step, strategy);
    expect(error, `the call from ${step} failed`).toBeNull();
    // The route really reached the step.
    if (route.passThrough) expect(path, `the path of a call meant to pass ${step}`).toContain(step);
    else expect(caller.switchedAt?.action ?? "", `the prompt reached for ${step}`).toMatch(`/voice/step/${step}`);
    const webhooks = emulator.requests.length - (caller.switchedAt?.requests ?? 0);
    expect(webhooks, `webhooks after reaching ${step}`).toBeLessThanOrEqual(MAX_WEBHOOKS);
    const end = await endOf(callSid, from, emulator, state);
    expect(ENDS, `the end of a call from ${step}`).toContain(end);
    return { end, webhooks };
  }

  it("when a step has no route here, then this test says so", () => {
    expect(Object.keys(ROUTES(s, nextNumber)).sort()).toEqual([...STEP_NAMES].sort());
  });

  it.each(STEP_NAMES.map((step) => [step]))(
    "when the caller says nothing from %s on, then the call ends well",
    async (step) => {
      await expectAnEnd(step, silence);
    },
  );

  it.each(STEP_NAMES.map((step) => [step]))(
    "when the caller answers at random from %s on, then the call ends well",
    async (step) => {
      for (let seed = 1; seed <= RANDOM_CALLS_PER_STEP; seed++)
        await expectAnEnd(step, randomCaller(seed * 97 + step.length));
    },
  );
});
