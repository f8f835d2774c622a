// The phone menu's rules, step by step: (state, input) → what the caller hears and where the
// call goes, against a real ledger. One row per rule; no HTTP, no TwiML.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallerInput, CallState, StepName } from "../src/call-flow/types.ts";
import { FakeClock } from "./support/clock.ts";
import { createFlowHarness, type FlowHarness, type Heard } from "./support/flow-harness.ts";
import { givenAgents, givenCentre } from "./support/scenario.ts";
import { DB_KINDS } from "./support/test-services.ts";

type Input = Partial<CallerInput>;
const key = (digits: string): Input => ({ digits });
const speech = (text: string): Input => ({ speech: text });
const SILENCE: Input = {};

interface Row {
  rule: string;
  at: StepName;
  given?: (h: FlowHarness) => Promise<Partial<CallState>> | Partial<CallState>;
  agents?: number;
  /** Answers in order; the expectations are about the last one. */
  inputs: Input[];
  /** Arrivals at the step after the answers (the queue's wait URL is asked again and again). */
  reenter?: number;
  then: {
    at?: StepName | null;
    says?: RegExp;
    saysNot?: RegExp;
    hangup?: boolean;
    enqueue?: boolean;
    leave?: boolean;
    check?: (h: FlowHarness, state: CallState, heard: Heard) => Promise<void> | void;
  };
}

const GUETERSLOH = (h: FlowHarness): Partial<CallState> => {
  const centre = givenCentre(h.s, "Kreis Gütersloh").centre;
  return { birthYear: 1938, postcode: "33330", centreId: centre.id, districtId: centre.districtId };
};
const holds = (h: FlowHarness, state: CallState) => h.s.db.prisma.hold.findMany({ where: { owner: state.callSid } });

const ROWS: Row[] = [
  // main menu: keys, a number word, the option's own words; "nein" is no menu choice
  { rule: "1 leads to the code", at: "main-menu", inputs: [key("1")], then: { at: "code-entry" } },
  { rule: "'zwei' books", at: "main-menu", inputs: [speech("die zwei")], then: { at: "birth-year" } },
  { rule: "'Termin buchen' books", at: "main-menu", inputs: [speech("ich möchte buchen")], then: { at: "birth-year" } },
  {
    rule: "'Buchungscode' leads to the code",
    at: "main-menu",
    inputs: [speech("Buchungscode")],
    then: { at: "code-entry" },
  },
  {
    rule: "'nein' picks nothing",
    at: "main-menu",
    inputs: [speech("nein")],
    then: { at: "main-menu", says: /^Bitte drücken Sie die 1 oder die 2\./ },
  },
  {
    rule: "silence is asked again once",
    at: "main-menu",
    inputs: [SILENCE],
    then: { at: "main-menu", says: /^Ich habe leider nichts gehört\./ },
  },
  {
    rule: "silence twice with nobody signed in: a callback, no waiting",
    at: "main-menu",
    inputs: [SILENCE, SILENCE],
    then: { at: "callback-offer", says: /keine Mitarbeiterin und kein Mitarbeiter frei/, saysNot: /warten/ },
  },
  {
    rule: "silence twice with an agent free: the queue",
    at: "main-menu",
    agents: 1,
    inputs: [SILENCE, SILENCE],
    then: { at: null, enqueue: true, says: /Ich verbinde Sie/ },
  },
  // not eligible
  { rule: "1 books for another person", at: "not-eligible", inputs: [key("1")], then: { at: "birth-year" } },
  {
    rule: "2 ends with the hours",
    at: "not-eligible",
    inputs: [key("2")],
    then: { hangup: true, says: /täglich von 8 bis 22 Uhr\. Vielen Dank/ },
  },
  { rule: "'nein' is no choice here", at: "not-eligible", inputs: [speech("nein")], then: { at: "not-eligible" } },
  // the offer
  {
    rule: "'anderer Tag' lets the held pair go and holds one from the next day on",
    at: "offer",
    given: GUETERSLOH,
    inputs: [key("2")],
    then: {
      at: "offer",
      says: /Mittwoch, dem 27\. Januar/,
      check: async (h, state) => {
        const held = await holds(h, state);
        expect(held).toHaveLength(1);
        expect(held[0]!.id).toBe(state.held!.holdId);
        expect(new Date(state.held!.firstStartsAt).toISOString()).toBe("2021-01-27T09:00:00.000Z");
      },
    },
  },
  {
    rule: "'anderer Tag' with none later says so and offers the earliest again",
    at: "offer",
    given: async (h) => ({ ...GUETERSLOH(h), offerAfter: "2021-01-28T23:00:00Z" }),
    inputs: [key("2")],
    then: { at: "offer", says: /Einen späteren Tag gibt es dort im Moment nicht\..*Dienstag, dem 26\. Januar/ },
  },
  {
    rule: "'buchen' takes the pair",
    at: "offer",
    given: GUETERSLOH,
    inputs: [speech("buchen")],
    then: { at: "birth-date" },
  },
  {
    rule: "'anderes Impfzentrum' lists others",
    at: "offer",
    given: GUETERSLOH,
    inputs: [speech("ein anderes Impfzentrum")],
    then: { at: "alternatives" },
  },
  { rule: "'nein' is no choice here", at: "offer", given: GUETERSLOH, inputs: [speech("nein")], then: { at: "offer" } },
  {
    rule: "offered a fourth time, the circle ends with a person or a callback",
    at: "offer",
    given: GUETERSLOH,
    inputs: [key("2"), key("2"), key("2")],
    then: { at: "callback-offer", check: (_h, state) => expect(state.operatorReason).toBe("going-in-circles") },
  },
  // the summary
  {
    rule: "'anderer Termin' at the summary lets the pair go, too",
    at: "confirm",
    given: async (h) => {
      const state = h.state({ ...GUETERSLOH(h), birthDate: "1938-03-03", nameRecordingUrl: "https://r.example/1" });
      await h.enter(state, "offer");
      return { ...state, step: "confirm" };
    },
    inputs: [key("2")],
    then: { at: "offer", says: /Mittwoch, dem 27\. Januar/ },
  },
  // after booking
  {
    rule: "silence after booking is goodbye, without the hours",
    at: "booked",
    given: (h) => bookedState(h),
    inputs: [SILENCE],
    then: { hangup: true, says: /^Vielen Dank\. Auf Wiederhören\.$/ },
  },
  {
    rule: "the code a third time, then goodbye",
    at: "booked",
    given: (h) => bookedState(h),
    inputs: [key("1"), key("1"), key("1")],
    then: { hangup: true, says: /Auf Wiederhören/ },
  },
  {
    rule: "'beenden' ends",
    at: "booked",
    given: (h) => bookedState(h),
    inputs: [speech("beenden")],
    then: { hangup: true },
  },
  // the callback offer
  {
    rule: "silence twice registers the callback to the caller ID and says it",
    at: "callback-offer",
    given: () => ({ callbackReason: "no-agents" }),
    inputs: [SILENCE, SILENCE],
    then: {
      hangup: true,
      says: /Wir rufen Sie unter der Nummer 0 5 2 4 1 1 2 3 4 5 6 7 zurück\./,
      check: async (h, state) =>
        expect(await h.s.db.prisma.callbackRequest.count({ where: { originCallSid: state.callSid } })).toBe(1),
    },
  },
  {
    rule: "silence twice without a caller ID: goodbye with the hours",
    at: "callback-offer",
    given: () => ({ callbackReason: "no-agents", from: null }),
    inputs: [SILENCE, SILENCE],
    then: { hangup: true, says: /täglich von 8 bis 22 Uhr/ },
  },
  {
    rule: "waiting is no option when nobody is signed in",
    at: "callback-offer",
    given: () => ({ callbackReason: "no-agents" }),
    inputs: [key("2")],
    then: { at: "callback-offer", says: /Diese Auswahl gibt es nicht/ },
  },
  {
    rule: "'warten' joins the queue when the wait is only long",
    at: "callback-offer",
    agents: 1,
    given: () => ({ callbackReason: "long-wait" }),
    inputs: [speech("ich möchte warten")],
    then: { enqueue: true },
  },
  {
    rule: "'ja' confirms the number (a yes/no question)",
    at: "callback-number",
    given: () => ({ callbackReason: "agent", callbackPhone: { number: "+4952411234567", source: "caller-id" } }),
    inputs: [speech("ja")],
    then: { hangup: true, says: /Ihr Rückrufwunsch ist gespeichert/ },
  },
  {
    rule: "'nein' asks for another number",
    at: "callback-number",
    given: () => ({ callbackReason: "agent", callbackPhone: { number: "+4952411234567", source: "caller-id" } }),
    inputs: [speech("nein")],
    then: { at: "callback-number-entry" },
  },
  // places by name
  {
    rule: "a place is chosen by its name",
    at: "choose-district",
    given: (h) => ({
      postcode: "51467",
      districtChoices: [
        { districtId: null, place: "Bergisch Gladbach", state: "Nordrhein-Westfalen" },
        { districtId: givenCentre(h.s, "Köln").centre.districtId, place: "Köln", state: "Nordrhein-Westfalen" },
      ],
    }),
    inputs: [speech("Köln")],
    then: { at: "offer", says: /Impfzentrum Köln/ },
  },
  {
    rule: "'nein' picks no place",
    at: "choose-district",
    given: () => ({
      postcode: "51467",
      districtChoices: [
        { districtId: null, place: "Bergisch Gladbach", state: "Nordrhein-Westfalen" },
        { districtId: null, place: "Köln", state: "Nordrhein-Westfalen" },
      ],
    }),
    inputs: [speech("nein")],
    then: { at: "choose-district", says: /Diese Auswahl gibt es nicht/ },
  },
  // the queue
  {
    rule: "nobody signed in for three loops: out of the queue to a callback",
    at: "queue-wait",
    given: () => ({ queuedAt: "2021-01-25T08:00:00Z" }),
    inputs: [],
    reenter: 2,
    then: {
      leave: true,
      check: (_h, state) => expect(state).toMatchObject({ convertToCallback: true, callbackReason: "no-agents" }),
    },
  },
  {
    rule: "next in line with a short wait: 'höchstens', never 'etwa 0 bis'",
    at: "queue-wait",
    agents: 1,
    given: () => ({ queuedAt: "2021-01-25T08:00:00Z", queuePosition: 1 }),
    inputs: [],
    then: {
      at: "queue-wait",
      says: /Sie sind als Nächstes an der Reihe\. Die Wartezeit beträgt höchstens etwa 10 Minuten\./,
    },
  },
  {
    rule: "one ahead is 'eine Person'",
    at: "queue-wait",
    agents: 1,
    given: () => ({ queuedAt: "2021-01-25T08:00:00Z", queuePosition: 2 }),
    inputs: [],
    then: {
      at: "queue-wait",
      says: /Vor Ihnen wartet noch eine Person\. Die Wartezeit beträgt etwa 5 bis 15 Minuten\./,
    },
  },
];

async function bookedState(h: FlowHarness): Promise<Partial<CallState>> {
  const centre = givenCentre(h.s, "Kreis Gütersloh").centre;
  return {
    bookings: [
      {
        code: "ABCD23456789",
        centreId: centre.id,
        firstStartsAt: "2021-01-26T09:00:00Z",
        secondStartsAt: "2021-02-16T09:00:00Z",
      },
    ],
  };
}

describe.each(DB_KINDS)("menu steps on %s", (kind) => {
  const clock = new FakeClock();
  let h: FlowHarness;

  beforeAll(async () => {
    h = await createFlowHarness(kind, clock);
    for (const day of ["2021-01-26", "2021-01-27", "2021-01-28", "2021-01-29"])
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(3, { day });
    await givenCentre(h.s, "Köln").withFreePairs(2);
  });
  afterAll(() => h?.dispose());
  beforeEach(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    for (const table of ["queued_call", "callback_request", "agent", "hold"])
      await h.s.db.prisma.$executeRawUnsafe(`DELETE FROM ${table}`);
    await h.s.db.prisma.$executeRawUnsafe(`UPDATE slot SET held = 0`);
  });

  it("code-entry: the eleventh code within an hour from one caller ID goes to a person, unread", async () => {
    const from = "+4952417777777";
    let heard: Heard | null = null;
    for (let i = 0; i < 11; i++) {
      const state = h.state({ from });
      await h.enter(state, "code-entry");
      heard = await h.answer(state, { digits: "222222222222" });
    }
    expect(heard!.text).toMatch(/zu viele Buchungscodes/);
    expect(heard!.at).toBe("callback-offer");
  });

  it.each(ROWS.map((row) => [`${row.at}: ${row.rule}`, row] as const))("%s", async (_name, row) => {
    if (row.agents) await givenAgents(h.s, row.agents);
    const state = h.state(row.given ? await row.given(h) : {});
    let heard = await h.enter(state, row.at);
    for (const input of row.inputs) heard = await h.answer(state, input);
    for (let i = 0; i < (row.reenter ?? 0); i++) heard = await h.enter(state, row.at);
    const { then } = row;
    if (then.at !== undefined) expect(heard.at, heard.text).toBe(then.at);
    if (then.says) expect(heard.text).toMatch(then.says);
    if (then.saysNot) expect(heard.text).not.toMatch(then.saysNot);
    if (then.hangup !== undefined) expect(Boolean(heard.outcome.hangup), heard.text).toBe(then.hangup);
    if (then.enqueue) expect(heard.outcome.enqueue, heard.text).toBeDefined();
    if (then.leave) expect(heard.outcome.leave, heard.text).toBe(true);
    await then.check?.(h, state, heard);
  });
});
