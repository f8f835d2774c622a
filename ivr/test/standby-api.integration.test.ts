// The standby list over HTTP: a centre account offers its own centre's doses left and sees
// what came of them, never another centre's; bad input is a typed error; an agent records a
// waiting entry's opt-in for short notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { centreOf, givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("the standby list's API on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let reception: ConsoleClient;
  let anna: ConsoleClient;
  let centreId: number;
  let entryId: number;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-26T10:00:00+01:00"), ACCOUNTS);
    centreId = (await givenCentre(s, "Kreis Gütersloh").withFreePairs(3, { day: "2021-01-26" })).id;
    const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, s.clock, { minAge: 80 });
    entryId = (
      await waitlist.register(
        {
          name: "Greta Warte",
          birthDate: "1933-04-05",
          postcode: "33330",
          phone: "+4952419876543",
          consentCalls: true,
        },
        "agent",
        "agent:anna",
      )
    ).entry.id;
    server = await startTestServer(s, ACCOUNTS);
    const leitung = new ConsoleClient(server.url);
    await leitung.login("leitung", "pw-leitung-123");
    await leitung.call("POST", "/api/supervisor/accounts", {
      id: "empfang-gt",
      displayName: "Empfang Gütersloh",
      role: "centre",
      centreId,
      password: "empfang-passwort-1",
    });
    reception = new ConsoleClient(server.url);
    await reception.login("empfang-gt", "empfang-passwort-1");
    anna = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when an agent opts a waiting person in and the centre offers 2 doses until 12:00, then the person is called and the offer is listed", async () => {
    const opted = await anna.call("POST", `/api/waitlist/${entryId}/short-notice`, { shortNotice: true });
    expect(opted.status).toBe(200);
    const offered = await reception.call("POST", `/api/centres/${centreId}/standby`, { doses: 2, until: "12:00" });
    expect(offered.status).toBe(201);
    expect(offered.body.offers).toEqual([
      expect.objectContaining({ doses: 2, used: 0, called: 1, status: "open", freedPair: false, wasted: 0 }),
    ]);
    const listed = await reception.call("GET", `/api/centres/${centreId}/standby`);
    expect(listed.body.offers).toHaveLength(1);
  });

  it("when the time is already past or the doses are not a number, then the centre gets standby_invalid", async () => {
    const past = await reception.call("POST", `/api/centres/${centreId}/standby`, { doses: 2, until: "09:00" });
    expect([past.status, past.body.error.code]).toEqual([400, "standby_invalid"]);
    const bad = await reception.call("POST", `/api/centres/${centreId}/standby`, { doses: "zwei", until: "12:00" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "standby_invalid"]);
  });

  it("when a centre account asks for another centre's standby list, then it is refused", async () => {
    const other = centreOf(s, "Kreis Paderborn").id;
    const refused = await reception.call("POST", `/api/centres/${other}/standby`, { doses: 1, until: "12:00" });
    expect([refused.status, refused.body.error.code]).toEqual([403, "centre_other"]);
    expect((await anna.call("GET", `/api/centres/${centreId}/standby`)).status).toBe(403);
  });

  it("when the opt-in names no waiting entry, then it is waitlist_unknown", async () => {
    const unknown = await anna.call("POST", `/api/waitlist/999999/short-notice`, { shortNotice: true });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "waitlist_unknown"]);
  });
});
