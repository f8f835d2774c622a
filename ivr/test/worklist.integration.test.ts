// Names and addresses that speech could not settle (issue 14): whole emulated calls book with a
// recording where the caller said nothing (or said it was misheard), the agents' worklist shows
// exactly those people, an agent types what the recording says, and the recording is deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { placeCall, saysName } from "./support/phone.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};
const UP_TO_THE_NAME = [
  "silence",
  { expect: /neue Impftermine drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: "33330" },
  { expect: /nächste freie Termin/, answer: "1" },
  { expect: /Geburtsdatum/, answer: "0303" },
];

describe.each(DB_KINDS)("the worklist of names and addresses on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  const person = (phone: string) =>
    s.db.prisma.person.findFirstOrThrow({ where: { phone }, include: { bookings: true } });

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when a landline caller says name and street, then the summary says both back and no agent needs to type", async () => {
    const from = "+4952417000001";
    const call = await placeCall(
      server,
      [
        ...UP_TO_THE_NAME,
        ...saysName("Erika Mustermann", "Hauptstraße 5"),
        {
          expect:
            /für Erika Mustermann, geboren am 3\. März 1938\. Der Brief geht an Hauptstraße 5 in Gütersloh\.[^]*die 1/,
          answer: "1",
        },
        { expect: /gebucht/, answer: "3" },
      ],
      { from },
    );
    expect(call.caller.remaining).toBe(0);
    expect(await person(from)).toMatchObject({
      name: "Erika Mustermann",
      nameSource: "speech",
      street: "Hauptstraße 5",
      city: "Gütersloh",
      letter: true,
      nameRecordingUrl: null,
    });
    const { body } = await anna.call("GET", "/api/worklist");
    expect(body.items.map((i: { code: string }) => i.code)).not.toContain((await person(from)).bookings[0]!.code);
  });

  it("when the caller says nothing at the name and the street is misheard, then both are recorded and listed", async () => {
    const from = "+4952417000002";
    const call = await placeCall(
      server,
      [
        ...UP_TO_THE_NAME,
        { expect: /Vor- und Nachnamen/, answer: "silence" },
        { expect: /nehme ich den Namen auf/, answer: "r:3#" },
        { expect: /Straße und Hausnummer/, answer: "s:Lindenstraße 9" },
        { expect: /Der Brief geht an Lindenstraße 9[^]*Adresse falsch, die 4/, answer: "4" },
        { expect: /nehme ich die Adresse auf/, answer: "r:4#" },
        { expect: /fasse zusammen: (?![^]*Brief geht an)[^]*die 1/, answer: "1" },
        { expect: /gebucht/, answer: "3" },
      ],
      { from },
    );
    expect(call.caller.remaining).toBe(0);
    const booked = await person(from);
    expect(booked).toMatchObject({ name: null, street: null, letter: true });
    expect(booked.nameRecordingUrl).toMatch(/\/Recordings\/RE/);
    expect(booked.addressRecordingUrl).toMatch(/\/Recordings\/RE/);

    const { body } = await anna.call("GET", "/api/worklist");
    const item = body.items.find((i: { personId: number }) => i.personId === booked.id);
    expect(item).toMatchObject({
      needs: ["name", "address"],
      hasNameRecording: true,
      hasAddressRecording: true,
      postcode: "33330",
      birthDate: "1938-03-03",
    });
    expect(item.places).toContain("Gütersloh");

    // The recording plays through the server (Twilio's URL needs the account's credentials).
    const audio = await fetch(`${server.url}/api/worklist/${booked.id}/recording/name`, {
      headers: { cookie: anna.sessionCookie },
    });
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toMatch(/^audio\//);

    // A letter needs street and town: the name alone is refused, and nothing is lost.
    const partial = await anna.call("POST", `/api/worklist/${booked.id}`, { name: "Hans Beispiel" });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe("contact_incomplete");
    expect((await person(from)).nameRecordingUrl).toBe(booked.nameRecordingUrl);

    const done = await anna.call("POST", `/api/worklist/${booked.id}`, {
      name: "Hans Beispiel",
      street: "Lindenstraße 19",
      city: "Gütersloh",
    });
    expect(done.status).toBe(200);
    expect(await person(from)).toMatchObject({
      name: "Hans Beispiel",
      nameSource: "typed",
      street: "Lindenstraße 19",
      city: "Gütersloh",
      nameRecordingUrl: null,
      addressRecordingUrl: null,
      checkedBy: "anna",
    });
    const deleted = (server.hotline.telephony as EmulatedTelephony).deletedRecordings;
    expect(deleted).toEqual(expect.arrayContaining([booked.nameRecordingUrl, booked.addressRecordingUrl]));
    const after = await anna.call("GET", "/api/worklist");
    expect(after.body.items.some((i: { personId: number }) => i.personId === booked.id)).toBe(false);
    // A second completion finds nothing to do; every listen and every typing is audited.
    expect((await anna.call("POST", `/api/worklist/${booked.id}`, { name: "X Y" })).status).toBe(404);
    const audit = await s.db.prisma.supervisorAction.findMany({ where: { agentId: "anna" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["contact_checked", "recording_heard"]);
  });

  it("when a mobile caller books, then there is no letter and nothing to type", async () => {
    const from = "+4915117000003";
    await placeCall(
      server,
      [
        ...UP_TO_THE_NAME,
        ...saysName("Ida Mobil"),
        { expect: /fasse zusammen/, answer: "1" },
        { expect: /per SMS/, answer: "3" },
      ],
      { from },
    );
    expect(await person(from)).toMatchObject({ name: "Ida Mobil", letter: false, street: null });
    // The confirmation SMS is noted by id (no number, no text) for its deletion at the provider.
    expect(await s.db.query(`SELECT count(*)::int AS n FROM sent_message`)).toEqual([{ n: 1 }]);
  });

  it("when someone without a session asks, then 401; a junk id is 404, never a database error", async () => {
    expect((await new ConsoleClient(server.url).call("GET", "/api/worklist")).status).toBe(401);
    expect((await anna.call("POST", "/api/worklist/99999999999", { name: "A B" })).status).toBe(404);
    expect((await anna.call("GET", "/api/worklist/1/recording/other")).status).toBe(404);
  });
});
