// The waiting list through the console API: an agent registers, a supervisor imports the
// register and runs an invitation; the run's commitments are public before, its seed after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("the waiting list's console API on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  let leitung: ConsoleClient;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(6, { day: "2021-02-03" });
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    leitung = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
    await leitung.login("leitung", "pw-leitung-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  const importCsv = (client: ConsoleClient, csv: string) =>
    fetch(`${server.url}/api/supervisor/waitlist/import`, {
      method: "POST",
      headers: { "content-type": "text/csv", cookie: client.sessionCookie },
      body: csv,
    });

  it("when an agent registers a person for their mother, then the entry has a registration number to quote", async () => {
    const { status, body } = await anna.call("POST", "/api/waitlist", {
      name: "Erna Schulte",
      birthDate: "1931-07-14",
      postcode: "33330",
      phone: "+4915112340000",
      relation: "child",
      timeOfDay: "morning",
      wheelchair: true,
      consentCalls: true,
      consentSms: true,
    });
    expect(status).toBe(201);
    expect(body.entry).toMatchObject({
      status: "waiting",
      relation: "child",
      needs: { wheelchair: true },
      priorityGroup: 2,
    });
    const lookup = await anna.call("GET", `/api/waitlist/entries/${body.entry.registrationNumber}`);
    expect(lookup.body.entry.name).toBe("Erna Schulte");
    expect((await anna.call("GET", "/api/waitlist/entries/1234567890")).status).toBe(404);
    expect((await anna.call("POST", "/api/waitlist", { name: "", birthDate: "x", postcode: "1" })).status).toBe(400);
  });

  it("when a supervisor imports the register, then rejected rows come back with reasons; an agent may not import", async () => {
    const csv =
      "Name;Geburtsdatum;Straße;PLZ;Ort;Telefon\nOtto Brandt;02.02.1930;Am Markt 3;33330;Gütersloh;\nOhne Datum;;Am Markt 4;33330;Gütersloh;\n";
    expect((await importCsv(anna, csv)).status).toBe(403);
    const res = await importCsv(leitung, csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      added: 1,
      rejected: [{ line: 3, reason: expect.stringMatching(/Geburtsdatum/) }],
    });
  });

  it("when a supervisor publishes and runs, then the hashes are public before and the seed after", async () => {
    const published = await leitung.call("POST", "/api/supervisor/invitation-runs", {
      regionId: "westfalen-lippe",
      sharePercent: 100,
    });
    expect(published.status).toBe(201);
    const before = (await (await fetch(`${server.url}/api/invitation-runs`)).json()) as {
      runs: Record<string, unknown>[];
    };
    expect(before.runs[0]).toMatchObject({
      id: published.body.run.id,
      seed: null,
      seedHash: published.body.run.seedHash,
    });
    expect((await anna.call("POST", `/api/supervisor/invitation-runs/${published.body.run.id}/execute`)).status).toBe(
      403,
    );
    const run = await leitung.call("POST", `/api/supervisor/invitation-runs/${published.body.run.id}/execute`);
    expect(run.status).toBe(200);
    expect(run.body.invited + run.body.booked).toBe(2);
    const after = (await (await fetch(`${server.url}/api/invitation-runs`)).json()) as {
      runs: Record<string, unknown>[];
    };
    expect(after.runs[0]!.seed).toMatch(/^[0-9a-f]{64}$/);
    const overview = await leitung.call("GET", "/api/supervisor/waitlist/overview");
    expect(overview.body.counts.length).toBeGreaterThan(0);
  });

  it("when the agent accepts an invitation for the caller, then the pair is booked and a code comes back", async () => {
    const [entry] = await s.db.query<{ registration_number: string }>(
      `SELECT e.registration_number FROM waitlist_entry e JOIN waitlist_invitation i ON i.entry_id = e.id WHERE i.status = 'invited'`,
    );
    const lookup = await anna.call("GET", `/api/waitlist/entries/${entry!.registration_number}`);
    const invitation = lookup.body.invitations[0];
    const accepted = await anna.call("POST", `/api/waitlist/invitations/${invitation.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.code).toMatch(/^[0-9A-Z]{12}$/);
    expect((await anna.call("POST", `/api/waitlist/invitations/${invitation.id}/decline`, {})).status).toBe(409);
  });

  it("when the agent ticks short notice, or the register's Kurzfristig column says ja, then the entry is opted in for the standby list", async () => {
    const shortNotice = async (name: string) =>
      (
        await s.db.query<{ short_notice: boolean }>(`SELECT short_notice FROM waitlist_entry WHERE name = $1`, [name])
      )[0]?.short_notice;
    const registered = await anna.call("POST", "/api/waitlist", {
      name: "Hilde Kurz",
      birthDate: "1932-03-04",
      postcode: "33330",
      phone: "+4952411234",
      consentCalls: true,
      shortNotice: true,
    });
    expect(registered.status).toBe(201);
    await anna.call("POST", "/api/waitlist", { name: "Paul Lang", birthDate: "1932-03-05", postcode: "33330" });
    const res = await importCsv(
      leitung,
      "Name;Geburtsdatum;Straße;PLZ;Ort;Telefon;Kurzfristig\n" +
        "Karl Bald;03.03.1930;Am Markt 5;33330;Gütersloh;05241 5555;ja\n" +
        "Lore Spaet;04.04.1930;Am Markt 6;33330;Gütersloh;05241 6666;nein\n",
    );
    expect(await res.json()).toMatchObject({ added: 2, rejected: [] });
    expect([
      await shortNotice("Hilde Kurz"),
      await shortNotice("Paul Lang"),
      await shortNotice("Karl Bald"),
      await shortNotice("Lore Spaet"),
    ]).toEqual([true, false, true, false]);
  });
});
