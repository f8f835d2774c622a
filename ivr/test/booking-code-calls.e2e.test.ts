// Whole calls with a booking code, through the Twilio emulator against the real server: the
// code heard as digits in groups of three, twice; looked up typed and spoken; the birth date
// before anything is read out or cancelled; rebooking that keeps the code; a lost code found
// by birth date, postcode and phone and sent by SMS; and "beenden" in the code menu.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedSms } from "../src/adapters/telephony/sms.ts";
import { keypadGroups } from "../src/domain/ledger/booking-code.ts";
import { FakeClock } from "./support/clock.ts";
import { placeCall, saysName } from "./support/phone.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const MOBILE = "+4915112340001";
const LANDLINE = "+4952417654321";
const DIGIT_WORDS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];

/** The code as the caller hears it: "7, 5, 7. 6, 7, zwo. 9, 3, 9. 4, 8, zwo." */
const heardCode = (keypad: string) =>
  keypadGroups(keypad)
    .map((g) => `${[...g].map((d) => (d === "2" ? "zwo" : d)).join(", ")}.`)
    .join(" ");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CODE_CALL = ["silence", { expect: /Buchungscode haben/, answer: "1" }];

describe.each(DB_KINDS)("calls with a booking code on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let people = 800;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(24, { perSlot: 4 });
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  async function booking(over: Record<string, unknown> = {}) {
    const centre = givenCentre(s, "Kreis Gütersloh").centre;
    const [pair] = await s.ledger.freePairs(centre.id, { limit: 1 });
    const { code, bookingId } = await s.ledger.book({
      firstSlotId: pair!.firstSlotId,
      person: person(++people, over),
      channel: "agent",
      agentId: "a1",
    });
    return { code, bookingId, keypad: (await s.ledger.lookup(code)).keypadCode };
  }
  const sms = () => (server.hotline.sms as EmulatedSms).outbox;

  it("when a caller books, then the code is read as keypad digits in groups of three, twice, and the SMS has both forms", async () => {
    const call = await placeCall(
      server,
      [
        "silence",
        { expect: /drücken Sie die 2/, answer: "2" },
        { expect: /Geburtsjahr/, answer: "1938" },
        { expect: /Postleitzahl/, answer: "33330" },
        { expect: /nächste freie Termin/, answer: "1" },
        { expect: /Geburtsdatum der Person/, answer: "03031938" },
        ...saysName("Anna Schmidt"),
        { expect: /Ich fasse zusammen/, answer: "1" },
        { expect: /Ihre Termine sind gebucht/, answer: "3" },
      ],
      { from: MOBILE },
    );
    const booked = await s.db.prisma.booking.findFirstOrThrow({ where: { person: { phone: MOBILE } } });
    const heard = heardCode(booked.keypadCode);
    expect(call.spoken).toMatch(
      new RegExp(`Bitte notieren Sie Ihren Buchungscode:\\n${escape(heard)}\\nIch wiederhole:\\n${escape(heard)}`),
    );
    // No letter of the written code is spoken.
    expect(call.spoken).not.toContain(booked.code.split("").join(", "));
    const [message] = sms().filter((m) => m.to === MOBILE);
    expect(message!.body).toContain(
      `Buchungscode: ${booked.code.slice(0, 4)}-${booked.code.slice(4, 8)}-${booked.code.slice(8)}, am Telefon: ${keypadGroups(booked.keypadCode).join(" ")}.`,
    );
  });

  it("when a caller types the code wrong, then right, gives the birth date and cancels, then both slots are free again", async () => {
    const { code, keypad, bookingId } = await booking();
    const before = await s.ledger.lookup(code);
    const typo = keypad.slice(0, 5) + (keypad[5] === "9" ? "8" : "9") + keypad.slice(6);
    const call = await placeCall(server, [
      ...CODE_CALL,
      { expect: /zwölf Ziffern Ihres Buchungscodes/, answer: typo },
      { expect: /Buchungscode stimmt nicht/, answer: keypad },
      { expect: /Zu Ihrem Schutz.*Geburtsdatum/s, answer: "03031938" },
      { expect: /Ihre Termine im Impfzentrum Gütersloh: die erste Impfung am Dienstag, dem 26\. Januar/, answer: "2" },
      { expect: /wirklich absagen/, answer: "1" },
    ]);
    expect(call.spoken).toMatch(/beiden Termine sind abgesagt/);
    expect(call.caller.remaining).toBe(0);
    expect((await s.ledger.lookup(code)).status).toBe("cancelled");
    const free = await s.ledger.freePairs(before.centreId, { limit: 30 });
    expect(free.some((p) => p.firstSlotId === before.firstSlotId)).toBe(true);
    const events = await s.db.prisma.bookingEvent.findMany({ where: { bookingId }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.action}:${e.channel}`)).toEqual(["booked:agent", "cancelled:phone"]);
  });

  it("when a caller says the code in groups and the birth date, then hears the appointments, asks to hear them again, and ends with 'beenden'", async () => {
    const { code, keypad } = await booking();
    const spokenGroups = keypadGroups(keypad)
      .map((g) => [...g].map((d) => DIGIT_WORDS[+d]).join(" "))
      .join(", ");
    const call = await placeCall(server, [
      ...CODE_CALL,
      { expect: /zwölf Ziffern/, answer: `s:${spokenGroups}` },
      { expect: /Zu Ihrem Schutz/, answer: "s:dritter März neunzehnhundertachtunddreißig" },
      {
        expect: /Ihre Termine im Impfzentrum Gütersloh.*Zum Beenden drücken Sie die 3/s,
        answer: "s:Termine anhören",
      },
      { expect: /Ihre Termine im Impfzentrum Gütersloh/, answer: "s:beenden" },
    ]);
    expect(call.spoken).toMatch(/Auf Wiederhören\.$/);
    expect(call.caller.remaining).toBe(0);
    expect(call.emulator.events.find((e) => e.type === "hangup")).toMatchObject({ by: "twiml" });
    expect((await s.ledger.lookup(code)).status).toBe("active");
  });

  it("when the birth date is wrong twice, then nothing about the booking is said and a person is offered", async () => {
    const { code, keypad } = await booking();
    const call = await placeCall(server, [
      ...CODE_CALL,
      { expect: /zwölf Ziffern/, answer: keypad },
      { expect: /Zu Ihrem Schutz/, answer: "04031938" },
      { expect: /passt nicht zum Buchungscode/, answer: "05031938" },
      { expect: /nenne ich deshalb keine Angaben.*zurückrufen/s, answer: "hangup" },
    ]);
    expect(call.spoken).not.toMatch(/Januar|Februar|Impfzentrum Gütersloh/);
    expect((await s.ledger.lookup(code)).status).toBe("active");
  });

  it("when a caller rebooks, then the code stays the same and the old code does not say 'abgesagt'", async () => {
    const { code, keypad, bookingId } = await booking();
    const before = await s.ledger.lookup(code);
    const call = await placeCall(server, [
      ...CODE_CALL,
      { expect: /zwölf Ziffern/, answer: keypad },
      { expect: /Zu Ihrem Schutz/, answer: "03031938" },
      { expect: /Ihre Termine im/, answer: "s:verschieben" },
      { expect: /nächste freie Termin/, answer: "1" },
      { expect: /Ich fasse zusammen/, answer: "1" },
      { expect: /Ihre Termine sind gebucht.*Ihr Buchungscode bleibt derselbe/s, answer: "3" },
    ]);
    expect(call.spoken).toContain(`Ihr Buchungscode bleibt derselbe:\n${heardCode(keypad)}`);
    const after = await s.ledger.lookup(code);
    expect(after).toMatchObject({ id: bookingId, status: "active" });
    expect(after.firstStartsAt.getTime()).toBeGreaterThan(before.firstStartsAt.getTime());
    const events = await s.db.prisma.bookingEvent.findMany({ where: { bookingId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["booked", "rebooked"]);
    // The same code, the next day: the new appointments, not "abgesagt".
    const again = await placeCall(server, [
      ...CODE_CALL,
      { expect: /zwölf Ziffern/, answer: keypad },
      { expect: /Zu Ihrem Schutz/, answer: "03031938" },
      { expect: /Ihre Termine im/, answer: "3" },
    ]);
    expect(again.spoken).not.toMatch(/abgesagt/);
    const [, weekday, date] = /erste Impfung am (\w+), dem (\d+\. \w+)/.exec(again.spoken) ?? [];
    const day = `${weekday}, ${date}`;
    expect(day).toBe(
      new Intl.DateTimeFormat("de-DE", {
        timeZone: "Europe/Berlin",
        weekday: "long",
        day: "numeric",
        month: "long",
      }).format(after.firstStartsAt),
    );
  });

  it("when a caller lost the code, then birth date, postcode and the caller ID find it, the code is read and goes out by SMS", async () => {
    const { code, keypad } = await booking({ phone: "+4915112340002", birthDate: "1932-05-17" });
    const call = await placeCall(
      server,
      [
        ...CODE_CALL,
        { expect: /nicht mehr haben, drücken Sie die 1/, answer: "1#" },
        { expect: /Ich suche Ihre Buchung.*Geburtsdatum/s, answer: "17051932" },
        { expect: /Postleitzahl/, answer: "s:drei drei drei drei null" },
        { expect: /Ich habe Ihre Buchung gefunden.*Er lautet/s, answer: "3" },
      ],
      { from: "+4915112340002" },
    );
    expect(call.spoken).toContain(`Er lautet:\n${heardCode(keypad)}\nIch wiederhole:\n${heardCode(keypad)}`);
    const [message] = sms().filter((m) => m.to === "+4915112340002");
    expect(message!.body).toContain(`Ihr Buchungscode: ${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    expect(message!.body).toContain(`am Telefon: ${keypadGroups(keypad).join(" ")}`);
  });

  it("when a caller who lost the code rings from another line, then the typed number on file sends the code by SMS only", async () => {
    const { keypad } = await booking({ phone: "0151 1234 0003", birthDate: "1933-06-18" });
    const call = await placeCall(
      server,
      [
        ...CODE_CALL,
        { expect: /nicht mehr haben/, answer: "s:Ich habe den Code verloren" },
        { expect: /Geburtsdatum/, answer: "18061933" },
        { expect: /Postleitzahl/, answer: "33330" },
        {
          expect: /Mit der Nummer, von der Sie anrufen, finde ich keine Buchung.*Telefonnummer/s,
          answer: "015112340003#",
        },
        { expect: /per SMS an die Nummer, die auf 0 0 0 3 endet/, answer: "2" },
      ],
      { from: LANDLINE },
    );
    expect(call.spoken).not.toContain(heardCode(keypad));
    expect(sms().filter((m) => m.to === "+4915112340003")).toHaveLength(1);
    expect(sms().filter((m) => m.to === LANDLINE)).toHaveLength(0);
  });

  it("when nothing is found, then the caller hears so plainly and is offered a person", async () => {
    const call = await placeCall(
      server,
      [
        ...CODE_CALL,
        { expect: /nicht mehr haben/, answer: "1#" },
        { expect: /Geburtsdatum/, answer: "01011930" },
        { expect: /Postleitzahl/, answer: "33330" },
        { expect: /Telefonnummer/, answer: "052411234567#" },
        {
          expect: /Mit diesen Angaben finde ich keine Buchung\..*Mitarbeiter drücken Sie die 1/s,
          answer: "1",
        },
        { expect: /zurückrufen/, answer: "hangup" },
      ],
      { from: "anonymous" },
    );
    expect(call.caller.remaining).toBe(0);
  });
});
