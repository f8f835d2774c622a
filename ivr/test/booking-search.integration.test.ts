// A booking found without its code (issue 15, item 10, last line): a caller whose booking was
// confirmed as the server died, or who lost the code, is found by name, birth date and postcode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("finding a booking by name, birth date and postcode on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  const codes: Record<string, string> = {};
  const search = (body: unknown) => anna.call("POST", "/api/bookings/search", body);

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(6);
    const pairs = await s.ledger.freePairs(centre.id, { limit: 6 });
    const book = async (key: string, over: Record<string, unknown>, i: number) => {
      codes[key] = (
        await s.ledger.book({ firstSlotId: pairs[i]!.firstSlotId, person: person(i, over), channel: "phone" })
      ).code;
    };
    await book("erika", { name: "Erika Müller", birthDate: "1938-03-03", postcode: "33330" }, 0);
    // Same birth date and postcode, another person.
    await book("hans", { name: "Hans Müller-Lüdenscheidt", birthDate: "1938-03-03", postcode: "33330" }, 1);
    // Same name and birth date, another postcode.
    await book("other", { name: "Erika Müller", birthDate: "1938-03-03", postcode: "33332" }, 2);
    // A phone booking whose name exists only as a recording: not findable by name.
    await book("recorded", { name: null, nameRecordingUrl: "https://rec/1", birthDate: "1938-03-03" }, 3);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when the name is spelt another way, then the booking is found with code, name, centre and dates", async () => {
    for (const name of ["Erika Müller", "erika mueller", "MÜLLER, Erika", "Muell Eri"]) {
      const found = await search({ name, birthDate: "1938-03-03", postcode: "33330" });
      expect(found.status, name).toBe(200);
      expect(
        found.body.bookings.map((b: { code: string }) => b.code),
        name,
      ).toEqual([codes.erika]);
    }
    const [match] = (await search({ name: "Erika Müller", birthDate: "1938-03-03", postcode: "33330" })).body.bookings;
    expect(match).toEqual({
      code: codes.erika,
      codeFormatted: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
      status: "active",
      name: "Erika Müller",
      birthDate: "1938-03-03",
      postcode: "33330",
      centre: { id: expect.any(Number), name: "Impfzentrum Gütersloh", city: expect.any(String) },
      firstStartsAt: expect.any(String),
      secondStartsAt: expect.any(String),
    });
  });

  it("when the birth date, the postcode or the name does not fit, then nothing is found", async () => {
    for (const body of [
      { name: "Erika Müller", birthDate: "1938-03-04", postcode: "33330" },
      { name: "Erika Müller", birthDate: "1938-03-03", postcode: "33331" },
      { name: "Erika Schulz", birthDate: "1938-03-03", postcode: "33330" },
    ])
      expect((await search(body)).body.bookings, JSON.stringify(body)).toEqual([]);
    const hans = await search({ name: "Müller", birthDate: "1938-03-03", postcode: "33330" });
    expect(hans.body.bookings.map((b: { code: string }) => b.code).sort()).toEqual([codes.erika, codes.hans].sort());
  });

  it("when a field is missing or malformed, then 400 search_invalid in German naming the fields", async () => {
    const missing = await search({ name: "E", birthDate: "3.3.1938" });
    expect(missing).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "search_invalid",
          message: "Bitte geben Sie Name, Geburtsdatum und Postleitzahl an.",
          fields: ["name", "birthDate", "postcode"],
        },
      },
    });
    const impossible = await search({ name: "Erika", birthDate: "1938-02-30", postcode: "33330" });
    expect(impossible).toMatchObject({ status: 400, body: { error: { code: "person_invalid" } } });
    expect((await new ConsoleClient(server.url).call("POST", "/api/bookings/search", {})).status).toBe(401);
  });
});
