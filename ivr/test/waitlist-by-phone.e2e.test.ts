// Issue 17: registering on the waiting list by phone, in whole emulated calls. Offered when the
// region has no free pair, as a choice of the main menu (3), and to an announced age group; the
// caller hears the registration number twice and what happens next; the entry is then invited
// by a run and the invitation call books the pair. PGlite always, PostgreSQL when configured.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScriptStep } from "../../scripts/phone/call-emulator.ts";
import { spokenDigits } from "../src/domain/outbound/identity-policy.ts";
import { createWaitlistServices } from "../src/waitlist-services.ts";
import { FakeClock } from "./support/clock.ts";
import { placeCall, saysName } from "./support/phone.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const OPEN = "2021-01-25T10:00:00+01:00";
const LANDLINE = "+4952419876543";
const MOBILE = "+4915177012345";

interface Entry {
  id: number;
  registration_number: string;
  name: string;
  birth_date: string;
  phone: string | null;
  street: string | null;
  city: string | null;
  source: string;
  relation: string;
  language: string;
  consent_calls: boolean;
  consent_sms: boolean;
  wheelchair: boolean;
  home_visit: boolean;
  priority_group: number;
  status: string;
}

/** From "für neue Impftermine" to the number read out: what a region-full caller does. */
const REGION_FULL: ScriptStep[] = [
  { expect: /neue Impftermine drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: "33330" },
  {
    expect: /alle Termine vergeben.*Im Gebiet der .*Westfalen-Lippe.*vergeben.*festen Termin schicken.*die 1/s,
    answer: "1",
  },
  { expect: /Tag und Monat/, answer: "0303" },
];

/** Main menu 3 ("Termin zuschicken"), then birth year, postcode (Gütersloh) and day of birth. */
const sendMe = (year: string, dayAndMonth: string): ScriptStep[] => [
  { expect: /die 3/, answer: "3" },
  { expect: /Geburtsjahr/, answer: year },
  { expect: /Postleitzahl/, answer: "33330" },
  { expect: /Tag und Monat/, answer: dayAndMonth },
];

describe.each(DB_KINDS)("waiting list by phone on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const clock = new FakeClock(OPEN);

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    // Westfalen-Lippe has no free pair at first: the region is full.
    givenCentre(s, "Kreis Gütersloh");
    server = await startTestServer(s, { WAITLIST_FROM_AGE: "75" });
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set(OPEN));

  const entryByNumber = async (number: string) =>
    (
      await s.db.query<Entry & Record<string, unknown>>(`SELECT * FROM waitlist_entry WHERE registration_number = $1`, [
        number,
      ])
    )[0];
  const numberSaid = (spoken: string) => /Registriernummer: ([0-9 ,]+)\./.exec(spoken)?.[1];

  it("when the region is full and the caller registers, then the number is said twice, the entry is stored as said, and a run's invitation call books the pair", async () => {
    const call = await placeCall(
      server,
      [
        ...REGION_FULL,
        { expect: /Den Namen brauchen wir.*Vor- und Nachnamen/s, answer: "s:Erika Mustermann" },
        { expect: /schreiben wir Ihnen.*Straße und Hausnummer/s, answer: "s:Bahnhofstraße 3" },
        { expect: /Rollstuhl, drücken Sie die 1.*gar nicht ins Impfzentrum kommen, die 2.*Sonst die 3/s, answer: "1" },
        {
          expect: /rufen wir unter der Nummer an.*eigene Nummer.*die 1.*Angehörigen.*die 2.*nur schreiben, die 3/s,
          answer: "1",
        },
        {
          expect:
            /Warteliste für Erika Mustermann, geboren am 3\. März 1938.*Bahnhofstraße 3.*per Anruf.*richtig.*die 1/s,
          answer: "1",
        },
        {
          expect:
            /Warteliste.*Registriernummer.*Ich wiederhole.*Lieferungen.*ausgelost.*nicht noch einmal anrufen.*Wiederholen der Nummer/s,
          answer: "2",
        },
      ],
      { from: LANDLINE },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.emulator.state).toBe("completed");
    const said = numberSaid(call.spoken);
    expect(said).toBeDefined();
    // Said twice, in groups of three digits.
    expect(call.spoken.split(said!).length - 1).toBe(2);
    const number = said!.replace(/\D/g, "");
    expect(spokenDigits(number)).toBe(said);
    const entry = await entryByNumber(number);
    expect(entry).toMatchObject({
      name: "Erika Mustermann",
      phone: LANDLINE,
      street: "Bahnhofstraße 3",
      city: "Gütersloh",
      source: "phone",
      relation: "self",
      language: "de",
      consent_calls: true,
      wheelchair: true,
      home_visit: false,
      // A landline gets no SMS.
      consent_sms: false,
      status: "waiting",
    });
    // Nothing else was kept from the call: no callback request instead.
    expect(await s.db.prisma.callbackRequest.count({ where: { phone: LANDLINE } })).toBe(0);

    // Supply comes; the region's run invites the entry, and the invitation call books the pair.
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(5, { day: "2021-01-28" });
    const { runs } = createWaitlistServices(s, { MIN_AGE: 80 });
    const run = await runs.publish("westfalen-lippe", { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    const [task] = await s.db.query<{ id: number }>(
      `SELECT o.id FROM outbound_call o JOIN waitlist_invitation i ON o.subject_id = i.id::text
        WHERE o.kind = 'invitation' AND i.entry_id = $1`,
      [entry!.id],
    );
    expect(task).toBeDefined();
    const invitation = await placeCall(
      server,
      [
        { expect: /Tag und Monat Ihrer Geburt/, answer: "0303" },
        { expect: /Zum Annehmen drücken Sie die 1/, answer: "1" },
        { expect: /Ihre Termine sind gebucht/, answer: "3" },
      ],
      {
        from: LANDLINE,
        incomingPath: `/voice/outbound/answer?task=${task!.id}`,
        statusCallback: "/voice/outbound/status",
        answeredBy: "human",
      },
    );
    expect(invitation.caller.remaining).toBe(0);
    expect((await entryByNumber(number))!.status).toBe("booked");
    const bookings = await s.db.prisma.booking.findMany({ where: { person: { name: "Erika Mustermann" } } });
    expect(bookings.map((b) => b.status)).toEqual(["active"]);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when the same person registers again, then the caller hears they are listed, and no registration number is read out", async () => {
    const first = await placeCall(
      server,
      [
        ...sendMe("1936", "1205"),
        ...saysName("Walter Zweimal", "Lindenweg 4"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /eigene Nummer/, answer: "1" },
        { expect: /richtig/, answer: "1" },
        { expect: /Registriernummer/, answer: "2" },
      ],
      { from: "+4952410000001" },
    );
    const number = numberSaid(first.spoken)!.replace(/\D/g, "");
    const again = await placeCall(
      server,
      [
        ...sendMe("1936", "1205"),
        ...saysName("Walter Zweimal", "Lindenweg 4"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /eigene Nummer/, answer: "2" },
        { expect: /richtig/, answer: "1" },
      ],
      { from: "+4952410000002" },
    );
    expect(again.caller.remaining).toBe(0);
    expect(again.spoken).toMatch(/steht schon auf der Warteliste/);
    expect(again.spoken).not.toMatch(/Registriernummer/);
    expect(again.spoken).not.toContain(spokenDigits(number));
    expect(again.emulator.state).toBe("completed");
    const count = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM waitlist_entry WHERE name = 'Walter Zweimal'`,
    );
    expect(count[0]!.n).toBe(1);
  });

  it("when a relative registers from a mobile (main menu, 3), then the relation and consent to SMS are kept", async () => {
    const call = await placeCall(
      server,
      [
        { expect: /Wenn wir Ihnen einen Termin zuschicken sollen, die 3/, answer: "s:zuschicken" },
        { expect: /Geburtsjahr/, answer: "1930" },
        { expect: /Postleitzahl/, answer: "33330" },
        { expect: /Tag und Monat/, answer: "0107" },
        ...saysName("Gertrud Angehörig", "Am Markt 1"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /Angehörigen.*die 2/s, answer: "2" },
        { expect: /Warteliste für Gertrud Angehörig, geboren am 1\. Juli 1930/, answer: "1" },
        { expect: /Registriernummer/, answer: "1" },
      ],
      { from: MOBILE },
    );
    expect(call.caller.remaining).toBe(0);
    const said = numberSaid(call.spoken)!;
    // "1" repeats the number once more before goodbye.
    expect(call.spoken.split(said).length - 1).toBe(3);
    const entry = await entryByNumber(said.replace(/\D/g, ""));
    expect(entry).toMatchObject({ relation: "relative", phone: MOBILE, consent_calls: true, consent_sms: true });
  });

  it("when the caller wants letters only, then no phone number is kept", async () => {
    const call = await placeCall(
      server,
      [
        ...sendMe("1934", "0909"),
        ...saysName("Otto Briefe", "Kirchplatz 2"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /nur schreiben, die 3/, answer: "3" },
        { expect: /per Brief/, answer: "1" },
        { expect: /kommt ein Brief, mindestens eine Woche vorher/, answer: "2" },
      ],
      { from: "+4952410000003" },
    );
    const entry = await entryByNumber(numberSaid(call.spoken)!.replace(/\D/g, ""));
    expect(entry).toMatchObject({ phone: null, consent_calls: false, consent_sms: false, street: "Kirchplatz 2" });
  });

  it("when the region's runs invited people, then a new registration hears roughly when, at that pace", async () => {
    // A run in Westfalen-Lippe this week: the pace is known. (Figures are kept five minutes:
    // later than the earlier tests' registrations, so they are counted afresh.)
    clock.advance(6);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(2, { day: "2021-01-30" });
    const { runs, waitlist } = createWaitlistServices(s, { MIN_AGE: 80 });
    await waitlist.register(
      {
        name: "Vorher Eingeladen",
        birthDate: "1930-01-01",
        postcode: "33330",
        phone: "+4952410000012",
        consentCalls: true,
      },
      "agent",
      "agent:test",
    );
    await runs.execute((await runs.publish("westfalen-lippe", { sharePercent: 100 }, "leitung")).id, "leitung");
    const call = await placeCall(
      server,
      [
        ...sendMe("1931", "1212"),
        ...saysName("Paula Tempo", "Weg 1"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /eigene Nummer/, answer: "1" },
        { expect: /richtig/, answer: "1" },
        { expect: /Registriernummer/, answer: "2" },
      ],
      { from: "+4952410000011" },
    );
    const entry = await entryByNumber(numberSaid(call.spoken)!.replace(/\D/g, ""));
    const [f] = await s.db.query<{ earlier: number; same: number; invited: number }>(
      `SELECT count(*) FILTER (WHERE priority_group < $1)::int AS earlier,
              count(*) FILTER (WHERE priority_group = $1)::int AS same,
              (SELECT count(*) FROM waitlist_invitation i JOIN invitation_run r ON r.id = i.run_id
                WHERE r.region_id = 'westfalen-lippe')::int AS invited
         FROM waitlist_entry WHERE region_id = 'westfalen-lippe' AND status = 'waiting' AND NOT home_visit
          AND priority_group <= $1`,
      [entry!.priority_group],
    );
    expect(f!.invited).toBeGreaterThan(0);
    const weeks = Math.max(1, Math.ceil((f!.earlier + f!.same / 2) / f!.invited));
    const said =
      weeks === 1
        ? /in etwa einer Woche an der Reihe/
        : weeks > 12
          ? /dauert es mehr als drei Monate/
          : new RegExp(`in etwa ${weeks} Wochen an der Reihe`);
    expect(call.spoken).toMatch(said);
    expect(call.spoken).toMatch(/Das hängt aber von den Lieferungen ab\.\s+Die Termine werden ausgelost/);
  });

  it("when a code holder moves a booking in a full region, then no waiting list is offered: they keep their appointment", async () => {
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(1, { day: "2021-02-10" });
    const [pair] = await s.ledger.freePairs(centre.id, { limit: 1 });
    const { code } = await s.ledger.book({ firstSlotId: pair!.firstSlotId, person: person(7001), channel: "agent" });
    const keypad = (await s.ledger.lookup(code)).keypadCode;
    // Full again, whatever the tests before released: every place is booked or held.
    await s.db.query(`UPDATE slot SET capacity = booked + held`);
    const call = await placeCall(
      server,
      [
        { expect: /Buchungscode haben, die 1/, answer: "1" },
        { expect: /Buchungscode/, answer: keypad },
        { expect: /Geburtsdatum/, answer: "03031938" },
        { expect: /Ihre Termine im/, answer: "1" },
        { expect: /zurückrufen/, answer: "3" },
      ],
      { from: "+4952410000013" },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/festen Termin schicken/);
    expect((await s.ledger.lookup(code)).status).toBe("active");
  });

  it("when the person cannot come to a centre, then the entry is flagged for a home visit and the caller hears who is responsible", async () => {
    const call = await placeCall(
      server,
      [
        ...sendMe("1929", "1111"),
        ...saysName("Hilde Bettlägerig", "Am Anger 5"),
        { expect: /gar nicht ins Impfzentrum kommen, die 2/, answer: "2" },
        { expect: /eigene Nummer/, answer: "2" },
        { expect: /Hilde Bettlägerig.*kann nicht ins Impfzentrum kommen/s, answer: "1" },
        { expect: /Für Impfungen zu Hause ist Ihr Kreis zuständig/, answer: "2" },
      ],
      { from: "+4952410000010" },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/Mit der 1 nehmen Sie ihn an/);
    const entry = await entryByNumber(numberSaid(call.spoken)!.replace(/\D/g, ""));
    expect(entry).toMatchObject({ home_visit: true, wheelchair: false, relation: "relative", status: "waiting" });
  });

  it("when a Turkish caller registers, then the entry's language is Turkish (the invitation will be in Turkish)", async () => {
    const call = await placeCall(
      server,
      ["5", "3", "1933", "33330", "0202", "s:Ayşe Yılmaz", "s:Parkstraße 7", "3", "1", "1", "2"],
      {
        from: "+4952410000004",
      },
    );
    expect(call.spoken).toMatch(/kayıt numaranızı not edin/);
    const number = /not edin: ([0-9 ,]+)\./.exec(call.spoken)![1]!.replace(/\D/g, "");
    expect((await entryByNumber(number))!.language).toBe("tr");
  });

  it("when the name is not understood, then the caller is put through to a person instead of a recording", async () => {
    const call = await placeCall(
      server,
      [
        ...sendMe("1935", "0404"),
        { expect: /Vor- und Nachnamen/, answer: "silence" },
        { expect: /keinen Namen gehört.*Vor- und Nachnamen/s, answer: "silence" },
        // Nobody is signed in: a person is offered as a callback.
        { expect: /keine Mitarbeiterin.*zurückrufen/s, answer: "3" },
      ],
      { from: "+4952410000005" },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/Signalton/);
    const session = await s.db.prisma.callSession.findUnique({ where: { callSid: call.emulator.identity.callSid } });
    expect((session!.state as { operatorReason?: string }).operatorReason).toBe("name-not-understood");
  });

  it("when one number registers a sixth person in a day, then a person takes over instead of the menu", async () => {
    const from = "+4952410000009";
    const register = (name: string, last: ScriptStep[]) =>
      placeCall(
        server,
        [
          ...sendMe("1932", "0606"),
          ...saysName(name, "Ringstraße 1"),
          { expect: /Rollstuhl/, answer: "3" },
          { expect: /eigene Nummer/, answer: "2" },
          { expect: /richtig/, answer: "1" },
          ...last,
        ],
        { from },
      );
    for (const name of ["Anna", "Berta", "Carla", "Dora", "Emma"])
      await register(`${name} Haushalt`, [{ expect: /Registriernummer/, answer: "2" }]);
    const sixth = await register("Frida Haushalt", [
      { expect: /schon mehrere Menschen angemeldet.*keine Mitarbeiterin.*zurückrufen/s, answer: "3" },
    ]);
    expect(sixth.caller.remaining).toBe(0);
    expect(sixth.spoken).not.toMatch(/Registriernummer/);
    const listed = await s.db.query(`SELECT name FROM waitlist_entry WHERE name LIKE '% Haushalt' ORDER BY name`);
    expect(listed.map((r) => r.name)).toEqual(["Anna", "Berta", "Carla", "Dora", "Emma"].map((n) => `${n} Haushalt`));
  });

  it("when an announced group (75+) registers, then it is listed but not invited until it is 80", async () => {
    const done = await placeCall(
      server,
      [
        { expect: /die 2/, answer: "2" },
        { expect: /Geburtsjahr/, answer: "1944" },
        { expect: /ab 80 Jahren.*vormerken.*sobald Sie an der Reihe sind.*die 1.*andere Person die 2/s, answer: "1" },
        { expect: /Tag und Monat/, answer: "0303" },
        // The postcode comes after the birth date here: the offer followed the birth year.
        { expect: /Postleitzahl/, answer: "33330" },
        ...saysName("Jutta Vorgemerkt", "Gartenweg 9"),
        { expect: /Rollstuhl/, answer: "3" },
        { expect: /eigene Nummer/, answer: "1" },
        { expect: /richtig/, answer: "1" },
        { expect: /Registriernummer/, answer: "2" },
      ],
      { from: "+4952410000007" },
    );
    expect(done.caller.remaining).toBe(0);
    const entry = await entryByNumber(numberSaid(done.spoken)!.replace(/\D/g, ""));
    expect(entry!.status).toBe("waiting");
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(5, { day: "2021-01-29" });
    const { runs } = createWaitlistServices(s, { MIN_AGE: 80 });
    const run = await runs.publish("westfalen-lippe", { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    const invited = await s.db.query(`SELECT 1 FROM waitlist_invitation WHERE entry_id = $1`, [entry!.id]);
    expect(invited).toHaveLength(0);
    const [frozen] = await s.db.query<{ frozen_list: string }>(`SELECT frozen_list FROM invitation_run WHERE id = $1`, [
      run.id,
    ]);
    expect(frozen!.frozen_list).not.toContain(entry!.registration_number);
  });

  it("when the exact birth date is below the announced age, then the caller hears when it is their turn and the waiting list is not offered again", async () => {
    // 1946: 75 by the year, but born in December, so 74 on the day of the call.
    const call = await placeCall(
      server,
      [
        { expect: /die 2/, answer: "2" },
        { expect: /Geburtsjahr/, answer: "1946" },
        { expect: /vormerken/, answer: "1" },
        { expect: /Tag und Monat/, answer: "0112" },
        { expect: /ab 80 Jahren.*Zeitung, Radio und Fernsehen.*andere Person.*die 1/s, answer: "2" },
      ],
      { from: "+4952410000008" },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.emulator.state).toBe("completed");
  });
});
