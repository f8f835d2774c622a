// Whole calls through the Twilio emulator against the real server: signed requests, TwiML
// followed verb by verb, the ledger checked afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTwilioRequest } from "../../scripts/phone/call-emulator.ts";
import type { EmulatedSms } from "../src/adapters/telephony/sms.ts";
import { keypadGroups } from "../src/domain/ledger/booking-code.ts";
import { FakeClock } from "./support/clock.ts";
import { placeCall, postWebhook as post, saysName, saysWithoutLanguage } from "./support/phone.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const MOBILE = "+4915112345678";
const BOOK_FOR_1938 = [
  "silence",
  { expect: /drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
];

describe.each(DB_KINDS)("calls to the hotline on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock());
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(6);
    await givenCentre(s, "Münster").withFreePairs(4);
    await givenCentre(s, "Köln").withFreePairs(2);
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  const bookingsFrom = (phone: string) =>
    s.db.prisma.booking.findMany({ where: { person: { phone } }, include: { person: true, firstSlot: true } });

  it("when a caller goes through the menu, then one pair is booked, the code read twice and an SMS sent", async () => {
    const call = await placeCall(
      server,
      [
        ...BOOK_FOR_1938,
        { expect: /Postleitzahl des Wohnorts/, answer: "33330" },
        {
          expect:
            /Impfzentrum Gütersloh ist der nächste freie Termin: die erste Impfung am Dienstag, dem 26\. Januar, die zweite am 16\. Februar, jeweils um 10 Uhr\./,
          answer: "1",
        },
        { expect: /Geburtsdatum der Person/, answer: "03031938" },
        ...saysName("Anna Schmidt"),
        { expect: /Ich fasse zusammen: Impfzentrum Gütersloh.*3\. März 1938/, answer: "1" },
        {
          // What the caller needs to come, then the code, twice.
          expect:
            /Ihre Termine sind gebucht\. Die Adresse: Marienfelder Straße 351\. Bringen Sie bitte Personalausweis und, wenn vorhanden, Impfpass mit\. Die Bestätigung kommt per SMS\. Bitte notieren Sie Ihren Buchungscode:.*Ich wiederhole:/,
          answer: "3",
        },
      ],
      { from: MOBILE },
    );
    expect(call.spoken).toMatch(/Auf Wiederhören\.$/);
    expect(call.caller.remaining).toBe(0);
    const [booking, ...more] = await bookingsFrom(MOBILE);
    expect(more).toHaveLength(0);
    expect(booking).toMatchObject({
      status: "active",
      channel: "phone",
      person: { birthDate: new Date("1938-03-03T00:00:00Z"), postcode: "33330" },
    });
    // The name as speech heard it (the summary said it back); a mobile caller gets an SMS, no letter.
    expect(booking!.person).toMatchObject({ name: "Anna Schmidt", nameSource: "speech", nameRecordingUrl: null });
    expect(booking!.person.letter).toBe(false);
    // The code as spoken: its keypad digits in groups of three, twice (booking-code-calls.e2e.test.ts has the details).
    const spokenCode = keypadGroups(booking!.keypadCode)
      .map((group) => `${[...group].map((d) => (d === "2" ? "zwo" : d)).join(", ")}.`)
      .join(" ");
    expect(call.spoken.split(spokenCode).length - 1).toBe(2);
    const outbox = (server.hotline.sms as EmulatedSms).outbox.filter((m) => m.to === MOBILE);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toContain(
      `${booking!.code.slice(0, 4)}-${booking!.code.slice(4, 8)}-${booking!.code.slice(8)}`,
    );
    expect(saysWithoutLanguage(call.emulator)).toBe(0);
    // German throughout, except the one-line hints that offer the other five languages.
    const foreign = call.emulator.events.filter((e) => e.type === "say" && e.language !== "de-DE");
    expect(foreign.map((e) => (e.type === "say" ? e.language : ""))).toEqual([
      "en-GB",
      "tr-TR",
      "ru-RU",
      "pl-PL",
      "arb",
    ]);
    expect(new Set(call.emulator.httpStatuses)).toEqual(new Set([200, 204]));
    // The hold is gone once the call ended.
    expect(await s.db.prisma.hold.count()).toBe(0);
  });

  it("when the postcode lies in two districts, then the caller chooses the place", async () => {
    const call = await placeCall(server, [
      ...BOOK_FOR_1938,
      { expect: /Postleitzahl/, answer: "s:fünf eins vier sechs sieben" },
      {
        expect: /Ich habe 5 1 4 6 7 verstanden\. Ist das richtig\? Dann sagen Sie ja oder drücken Sie die 1/,
        answer: "s:ja",
      },
      { expect: /mehreren Orten.*Für (Köln|Bergisch Gladbach) drücken Sie die 1.*die 2/, answer: "hangup" },
    ]);
    const choice = call.spoken.slice(call.spoken.indexOf("mehreren Orten"));
    const places = [...choice.matchAll(/Für ([\p{L} ]+) drücken Sie die (\d)/gu)].map((m) => m[1]);
    expect(places.sort()).toEqual(["Bergisch Gladbach", "Köln"]);
  });

  it("when the postcode is outside NRW and Hessen, then the caller hears which state and hotline, and may type another", async () => {
    const call = await placeCall(server, [
      ...BOOK_FOR_1938,
      { expect: /Postleitzahl/, answer: "80331" },
      {
        expect:
          /Die Postleitzahl 8 0 3 3 1 liegt in Bayern\. Dort ist die Impf-Hotline Ihres Bundeslandes zuständig, unter der Nummer 1 1 6 1 1 7\..*Wenn Sie sich vertippt haben, geben Sie die Postleitzahl bitte noch einmal ein/,
        answer: "33330",
      },
      { expect: /Impfzentrum Gütersloh ist der nächste freie Termin/, answer: "hangup" },
    ]);
    expect(call.caller.remaining).toBe(0);
  });

  it("when a caller from outside NRW and Hessen says nothing more, then goodbye after two tries, no loop", async () => {
    const call = await placeCall(server, [
      ...BOOK_FOR_1938,
      { expect: /Postleitzahl/, answer: "80331" },
      { expect: /1 1 6 1 1 7/, answer: "silence" },
      { expect: /nichts gehört/, answer: "silence" },
    ]);
    expect(call.spoken).toMatch(/Auf Wiederhören\.$/);
    expect(call.emulator.events.find((e) => e.type === "hangup")).toMatchObject({ type: "hangup", by: "twiml" });
  });

  it("when the caller is under 80, then a kind explanation and a way to book for someone else", async () => {
    const call = await placeCall(server, [
      "silence",
      { expect: /drücken Sie die 2/, answer: "2" },
      { expect: /Geburtsjahr/, answer: "s:neunzehnhundertfünfzig" },
      { expect: /Ich habe 1950 verstanden/, answer: "s:ja" },
      {
        // Nothing is stored for them, so nobody promises to get in touch: what happens is said plainly.
        expect:
          /Geimpft werden zurzeit Menschen ab 80 Jahren.*in Zeitung, Radio und Fernsehen bekannt gegeben\. Dann können Sie hier anrufen\. Für eine andere Person drücken Sie die 1/,
        answer: "1",
      },
      { expect: /Geburtsjahr der Person, die geimpft wird/, answer: "hangup" },
    ]);
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/Bescheid/);
  });

  it("when the district's centre is full, then it says so and books at the nearest centre with pairs", async () => {
    const call = await placeCall(
      server,
      [
        ...BOOK_FOR_1938,
        { expect: /Postleitzahl/, answer: "48231" },
        {
          expect:
            /Im Impfzentrum Warendorf sind zurzeit alle Termine vergeben.*Im Impfzentrum Münster, etwa \d+ Kilometer entfernt, gibt es freie Termine.*die 1/,
          answer: "1",
        },
        { expect: /Impfzentrum Münster ist der nächste freie Termin/, answer: "1" },
        { expect: /Geburtsdatum/, answer: "s:erster Mai neunzehnhundertsiebenunddreißig" },
        ...saysName("Emil Schulz", "Am Markt 3"),
        { expect: /fasse zusammen: Impfzentrum Münster/, answer: "1" },
        { expect: /gebucht/, answer: "3" },
      ],
      { from: "+4925811111" },
    );
    expect(call.caller.remaining).toBe(0);
    const [booking] = await bookingsFrom("+4925811111");
    expect(booking?.firstSlot.centreId).toBe(givenCentre(s, "Münster").centre.id);
    expect(call.spoken).not.toMatch(/Gebiet der .* alle Impftermine vergeben/);
  });

  it("when a relative books for both parents, then two pairs at the same centre, close in time", async () => {
    const call = await placeCall(
      server,
      [
        ...BOOK_FOR_1938,
        { expect: /Postleitzahl/, answer: "48143" },
        { expect: /Impfzentrum Münster/, answer: "1" },
        { expect: /Geburtsdatum/, answer: "12021936" },
        ...saysName("Frieda Koch", "Domplatz 1"),
        { expect: /fasse zusammen/, answer: "1" },
        { expect: /Für eine weitere Person die 2/, answer: "2" },
        {
          expect: /weitere Person im selben Impfzentrum.*Impfzentrum Münster ist der nächste freie Termin/,
          answer: "1",
        },
        { expect: /Geburtsdatum/, answer: "30111939" },
        ...saysName("Gustav Koch"),
        { expect: /fasse zusammen.*30\. November 1939/, answer: "1" },
        { expect: /gebucht/, answer: "3" },
      ],
      { from: "+4925122222" },
    );
    expect(call.caller.remaining).toBe(0);
    const bookings = await bookingsFrom("+4925122222");
    expect(bookings).toHaveLength(2);
    expect(new Set(bookings.map((b) => b.firstSlot.centreId)).size).toBe(1);
    const gap = Math.abs(bookings[0]!.firstSlot.startsAt.getTime() - bookings[1]!.firstSlot.startsAt.getTime());
    expect(gap).toBeLessThanOrEqual(60 * 60_000);
  });

  it("when the caller stays silent or says something else, then what is expected is said, twice, then help is offered", async () => {
    const call = await placeCall(server, [
      ...BOOK_FOR_1938,
      { expect: /Postleitzahl des Wohnorts/, answer: "silence" },
      { expect: /Ich habe leider nichts gehört\..*Postleitzahl des Wohnorts/, answer: "s:hallo wer ist da" },
      // Asked twice; then a person, but no agent is signed in: no invented wait, a callback
      // instead of a dead end, and no "wait anyway".
      {
        expect: /Eine Postleitzahl hat fünf Ziffern.*keine Mitarbeiterin und kein Mitarbeiter frei.*zurückrufen.*die 1/,
        answer: "*",
      },
      { expect: /^(?!.*trotzdem warten).*Wir können Sie zurückrufen/, answer: "3" },
    ]);
    expect(call.caller.remaining).toBe(0);
    // No booking, no callback: the goodbye says when to call again.
    expect(call.spoken).toMatch(/Sie erreichen uns täglich von 8 bis 22 Uhr\.\s+Vielen Dank\. Auf Wiederhören\.$/);
    expect(call.emulator.httpStatuses.every((st) => st === 200 || st === 204)).toBe(true);
  });

  it("when Twilio repeats the confirmation webhook, then the booking happens once and the answer is the same", async () => {
    const from = "+4952413333";
    const placed = await placeCall(
      server,
      [
        ...BOOK_FOR_1938,
        { expect: /Postleitzahl/, answer: "33330" },
        "1",
        "03031938",
        ...saysName("Hans Weber", "Ringstraße 8"),
        { expect: /fasse zusammen/, answer: "1" },
        { expect: /gebucht/, answer: "3" },
      ],
      { from },
    );
    expect(await bookingsFrom(from)).toHaveLength(1);
    // Replay the exact confirmation request Twilio sent, signed the same way.
    const confirm = new URL(
      placed.emulator.requests.find((r) => new URL(r.url).pathname === "/voice/step/confirm")!.url,
    );
    const confirmRequest = placed.emulator.requests.find((r) => r.url === confirm.href)!.params;
    const first = await post(server, confirm.pathname + confirm.search, confirmRequest);
    const second = await post(server, confirm.pathname + confirm.search, confirmRequest);
    expect(first.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(await bookingsFrom(from)).toHaveLength(1);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when Twilio repeats a call's first webhook, then the same greeting comes back and the call keeps one session", async () => {
    const params = {
      CallSid: `CA${"c".repeat(32)}`,
      From: "+4952414444",
      To: "+498001161170",
      CallStatus: "ringing",
      Direction: "inbound",
    };
    const first = await post(server, "/voice/incoming", params);
    const second = await post(server, "/voice/incoming", params);
    expect(first.status).toBe(200);
    expect(first.body).toContain("<Gather");
    expect(second.body).toBe(first.body);
    const sessions = await s.db.prisma.callSession.findMany({ where: { callSid: params.CallSid } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.version).toBe(1);
  });

  it("when a request is not signed by Twilio, then 403 and nothing happens", async () => {
    const params = { CallSid: `CA${"b".repeat(32)}`, From: "+4952410000", Digits: "1" };
    const unsigned = await fetch(`${server.url}/voice/incoming`, { method: "POST", body: new URLSearchParams(params) });
    expect(unsigned.status).toBe(403);
    const wrong = await fetch(`${server.url}/voice/incoming`, {
      method: "POST",
      headers: { "x-twilio-signature": signTwilioRequest("another-token-000", `${server.url}/voice/incoming`, params) },
      body: new URLSearchParams(params),
    });
    expect(wrong.status).toBe(403);
    expect(await s.db.prisma.callSession.count({ where: { callSid: params.CallSid } })).toBe(0);
  });

  it("when a caller presses 4 at the greeting, then the whole call is in English, on keys", async () => {
    const call = await placeCall(server, [
      { expect: /drücken Sie die 2\..*For English, press 4/, answer: "4" },
      { expect: /We will continue in English.*For new vaccination appointments, press 2/, answer: "2" },
      { expect: /type the year of birth/, answer: "hangup" },
    ]);
    const says = call.emulator.events.filter((e) => e.type === "say");
    const afterChoice = says.slice(says.findIndex((e) => e.type === "say" && /continue in English/.test(e.text)));
    expect(afterChoice.every((e) => e.type === "say" && e.language === "en-GB")).toBe(true);
    // Only German speech is understood, so English menus listen for keys only.
    const gathers = call.emulator.events.filter((e) => e.type === "gather").map((e) => e.type === "gather" && e.prompt);
    expect(gathers[0] && gathers[0].kind === "gather" && gathers[0].input).toEqual(["dtmf", "speech"]);
    for (const g of gathers.slice(1)) expect(g && g.kind === "gather" && g.input).toEqual(["dtmf"]);
  });

  it("when a caller asks twice to hear it again, then the rest of the call is slower and on keys", async () => {
    const call = await placeCall(server, [
      ...BOOK_FOR_1938.slice(0, 2),
      { expect: /Das Geburtsjahr der Person, die geimpft wird, bitte/, answer: "*" },
      { expect: /Das Geburtsjahr der Person, die geimpft wird, bitte/, answer: "s:wie bitte" },
      { expect: /Ich spreche ab jetzt langsamer\..*Bitte tippen Sie das Geburtsjahr/, answer: "1938" },
      { expect: /Bitte tippen Sie die Postleitzahl/, answer: "hangup" },
    ]);
    const rates = call.emulator.events.filter((e) => e.type === "say").map((e) => e.type === "say" && e.rate);
    const slower = rates.indexOf(0.75);
    expect(slower).toBeGreaterThan(0);
    expect(rates.slice(0, slower).every((r) => r === 0.9)).toBe(true);
    expect(rates.slice(slower).every((r) => r === 0.75)).toBe(true);
    const last = call.emulator.lastPrompt();
    expect(last?.kind === "gather" && last.input).toEqual(["dtmf"]);
  });
});
