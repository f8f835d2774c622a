// The speech budget: how long callers listen on the main paths through the menu, measured on
// whole emulated calls (every Say, Pause and Gather the TwiML holds) at 13 characters a second.
// Targets: the first German choice within 10 s of the greeting's start; never more than 15 s of
// speech before the caller can act (speech inside a Gather can be interrupted by a key, so it
// counts as "can act"); a keypad booking under 100 s of system speech in all. The table is
// printed, and the README's "Speech budget" section shows it. Speech does not depend on the
// database, so this runs on PGlite only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScriptStep } from "../../scripts/phone/call-emulator.ts";
import { FakeClock } from "./support/clock.ts";
import { placeCall, saysName } from "./support/phone.ts";
import { givenAgents, givenCentre, person } from "./support/scenario.ts";
import { BUDGET_TABLE_HEADER, budgetRow, measureSpeech, type SpeechBudget } from "./support/speech-budget.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const FIRST_GERMAN_CHOICE_SECONDS = 10;
const LONGEST_BEFORE_ACTING_SECONDS = 15;
const KEYPAD_BOOKING_SECONDS = 100;

const BOOK: ScriptStep[] = [{ expect: /neue Impftermine drücken Sie die 2/, answer: "2" }];
/** A keypad booking from a landline: the name and the street are the only things said. */
const keypadBooking = (name: string): ScriptStep[] => [
  ...BOOK,
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: "33330" },
  { expect: /nächste freie Termin/, answer: "1" },
  { expect: /Geburtsdatum/, answer: "03031938" },
  ...saysName(name, "Hauptstraße 5"),
  { expect: /zusammen/, answer: "1" },
];

describe("speech budget of the main paths", () => {
  let s: TestServices;
  let server: TestServer;
  const rows: string[] = [];

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock("2021-01-25T09:00:00+01:00"));
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(20);
    server = await startTestServer(s);
  });
  afterAll(async () => {
    console.log(["Speech budget (13 characters a second):", ...BUDGET_TABLE_HEADER, ...rows].join("\n"));
    await server?.close();
    await s?.dispose();
  });

  async function walk(path: string, steps: ScriptStep[], from = "+4952411234567"): Promise<SpeechBudget> {
    const call = await placeCall(server, steps, { from });
    expect(call.caller.remaining, `${path}: script used up`).toBe(0);
    const budget = measureSpeech(call.emulator.events);
    rows.push(budgetRow(path, budget));
    expect(budget.firstGermanChoice, `${path}: first German choice`).not.toBeNull();
    expect(budget.firstGermanChoice!, `${path}: first German choice`).toBeLessThanOrEqual(FIRST_GERMAN_CHOICE_SECONDS);
    for (const choice of budget.choices) {
      expect(choice.untilCanAct, `${path}: speech before the caller can act at ${choice.step}`).toBeLessThanOrEqual(
        LONGEST_BEFORE_ACTING_SECONDS,
      );
    }
    return budget;
  }

  it("when a caller books on the keypad, then under 100 s of speech in all", async () => {
    const budget = await walk("keypad booking", [...keypadBooking("Anna Schmidt"), { expect: /gebucht/, answer: "3" }]);
    expect(budget.mustHearTotal).toBeLessThan(KEYPAD_BOOKING_SECONDS);
    expect(await s.db.prisma.booking.count({ where: { person: { phone: "+4952411234567" } } })).toBe(1);
  });

  it("when a caller books by speech, then every spoken number is confirmed within the budget", async () => {
    await walk(
      "speech booking",
      [
        { expect: /neue Impftermine drücken Sie die 2/, answer: "s:zwei" },
        { expect: /Geburtsjahr/, answer: "s:neunzehnhundertachtunddreißig" },
        { expect: /1938 verstanden/, answer: "s:ja" },
        { expect: /Postleitzahl/, answer: "s:drei drei drei drei null" },
        { expect: /3 3 3 3 0 verstanden/, answer: "s:ja" },
        { expect: /nächste freie Termin/, answer: "s:buchen" },
        { expect: /Geburtsdatum/, answer: "s:dritter März neunzehnhundertachtunddreißig" },
        ...saysName("Berta Meyer", "Lindenweg 12"),
        { expect: /zusammen/, answer: "s:buchen" },
        { expect: /gebucht/, answer: "s:beenden" },
      ],
      "+4952412222222",
    );
    expect(await s.db.prisma.booking.count({ where: { person: { phone: "+4952412222222" } } })).toBe(1);
  });

  it("when a caller books for two people of one household, then both within the budget", async () => {
    const from = "+4952413333333";
    await walk(
      "household booking",
      [
        ...keypadBooking("Clara Wagner"),
        { expect: /gebucht.*weitere Person/, answer: "2" },
        { expect: /nächste freie Termin/, answer: "1" },
        { expect: /Geburtsdatum/, answer: "12021936" },
        // The same household: the street is known, only the name is asked.
        ...saysName("Dieter Wagner"),
        { expect: /zusammen/, answer: "1" },
        { expect: /gebucht/, answer: "3" },
      ],
      from,
    );
    expect(await s.db.prisma.booking.count({ where: { person: { phone: from } } })).toBe(2);
  });

  it("when a caller looks up a booking code, then the appointments come within the budget", async () => {
    const [pair] = await s.ledger.freePairs(givenCentre(s, "Kreis Gütersloh").centre.id);
    const { code } = await s.ledger.book({
      firstSlotId: pair!.firstSlotId,
      person: person(701),
      channel: "agent",
      agentId: "a1",
    });
    const keypad = (await s.ledger.lookup(code)).keypadCode;
    await walk("code lookup", [
      { expect: /Buchungscode haben, die 1/, answer: "1" },
      { expect: /Buchungscode/, answer: keypad },
      { expect: /Geburtsdatum/, answer: "03031938" },
      { expect: /Ihre Termine im Impfzentrum Gütersloh/, answer: "hangup" },
    ]);
  });

  it("when a caller waits for a person and asks for a callback instead, then within the budget", async () => {
    await givenAgents(s, 2);
    const from = "+4952414444444";
    await walk(
      "queue → callback",
      [
        ...BOOK,
        { expect: /Geburtsjahr/, answer: "1936" },
        { expect: /Postleitzahl/, answer: "33330" },
        { expect: /nächste freie Termin/, answer: "0" },
        { expect: /Ich verbinde Sie.*nicht warten.*die 1/, answer: "1" },
        { expect: /unter der Nummer 0 5 2 4 1 4 4 4 4 4 4 4.*die 1/, answer: "1" },
      ],
      from,
    );
    expect(await s.db.prisma.callbackRequest.count({ where: { phone: from } })).toBe(1);
  });

  it("when the caller is under 80, then the explanation and the way out within the budget", async () => {
    await walk("under 80", [
      ...BOOK,
      { expect: /Geburtsjahr/, answer: "1950" },
      { expect: /ab 80 Jahren.*Zum Beenden die 2/, answer: "2" },
    ]);
  });

  it("when a caller asks to be sent an appointment (main menu, 3), then the registration within the budget", async () => {
    const from = "+4952415555555";
    await walk(
      "waiting list by phone",
      [
        { expect: /Termin zuschicken sollen, die 3/, answer: "3" },
        { expect: /Geburtsjahr/, answer: "1937" },
        { expect: /Postleitzahl/, answer: "33330" },
        { expect: /Tag und Monat/, answer: "0505" },
        ...saysName("Frieda Warte", "Ulmenweg 2"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /eigene Nummer/, answer: "1" },
        { expect: /Warteliste für Frieda Warte/, answer: "1" },
        { expect: /Registriernummer/, answer: "2" },
      ],
      from,
    );
    expect(await s.db.query(`SELECT 1 FROM waitlist_entry WHERE phone = $1`, [from])).toHaveLength(1);
  });

  it("when the postcode is outside NRW and Hessen, then the state and 116117 within the budget", async () => {
    await walk("postcode outside NRW and Hessen", [
      ...BOOK,
      { expect: /Geburtsjahr/, answer: "1938" },
      { expect: /Postleitzahl/, answer: "80331" },
      { expect: /Bayern.*1 1 6 1 1 7.*noch einmal/, answer: "hangup" },
    ]);
  });
});
