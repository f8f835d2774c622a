// The campaign panel's API on each database: the figures per KV region, a run started with a
// share, the letters printed for invitation bookings, and a pause that holds every run of the
// region (started here, or published before) until it is resumed. Agents get 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignRegionView } from "../src/contracts/waitlist-api.ts";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};
const WL = "westfalen-lippe";

describe.each(DB_KINDS)("the campaign panel's API on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  let leitung: ConsoleClient;
  const region = async () =>
    ((await leitung.call("GET", "/api/supervisor/campaign")).body.regions as CampaignRegionView[]).find(
      (r) => r.regionId === WL,
    )!;

  beforeAll(async () => {
    const clock = new FakeClock("2021-01-25T09:00:00+01:00");
    s = await createTestServices(kind, clock, ACCOUNTS);
    const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, clock, { minAge: 80 });
    for (let n = 0; n < 8; n++)
      await waitlist.register(
        {
          name: `Person Kampagne${n}`,
          birthDate: n < 3 ? `192${n}-03-0${n + 1}` : `193${n}-03-0${n + 1}`, // three 90+, three 85–89, two 80–84
          postcode: "33330",
          phone: n % 2 === 0 ? `+4915100000${n}00` : null,
          consentCalls: n % 2 === 0,
          street: "Lindenweg 1",
          city: "Gütersloh",
        },
        "agent",
        "agent:anna",
      );
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-02-03" });
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

  it("when a supervisor opens the panel and starts a run with 40 %, then the figures show what waits and what the run did", async () => {
    expect((await anna.call("GET", "/api/supervisor/campaign")).status).toBe(403);
    const before = await region();
    expect(before).toMatchObject({ paused: false, sharePercent: 70, freePairs: 10, nextRunSize: 7, runs: [] });
    expect(Object.values(before.waitingByGroup).reduce((a, b) => a + b, 0)).toBe(8);

    const started = await leitung.call("POST", `/api/supervisor/campaign/${WL}/start`, { sharePercent: 40 });
    expect(started.status).toBe(200);
    expect(started.body.invited + started.body.booked).toBe(4); // 40 % of 10 pairs
    expect(started.body.run.seed).toMatch(/^[0-9a-f]{64}$/);

    const after = await region();
    expect(after).toMatchObject({ sharePercent: 40, freePairs: 6, nextRunSize: 2 });
    expect(after.invitations.invited + after.invitations.booked).toBe(4);
    expect(after.invitations.booked).toBe(started.body.booked);
    expect(after.runs[0]).toMatchObject({ id: started.body.run.id, seedHash: started.body.run.seedHash });
    const audit = await s.db.query<{ action: string }>(
      `SELECT action FROM supervisor_action WHERE action LIKE 'waitlist.run.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["waitlist.run.published", "waitlist.run.finished"]);

    // Letters of the run's bookings, once gathered into a day's print batch, count as printed.
    await s.db.query(
      `INSERT INTO letter_item (booking_id, first_slot_id, kind, batch_day)
       SELECT b.id, b.first_slot_id, 'invitation', '2021-01-25' FROM booking b WHERE b.channel = 'invitation'`,
    );
    expect((await region()).lettersPrinted).toBe(started.body.booked);
  });

  it("when a region is paused, then no run of it starts, also one published before, until it is resumed", async () => {
    const published = await leitung.call("POST", "/api/supervisor/invitation-runs", { regionId: WL, sharePercent: 10 });
    expect(published.status).toBe(201);
    expect((await anna.call("POST", `/api/supervisor/campaign/${WL}/pause`, { paused: true })).status).toBe(403);
    expect((await leitung.call("POST", `/api/supervisor/campaign/${WL}/pause`, { paused: true })).status).toBe(200);
    expect((await region()).paused).toBe(true);

    const refused = await leitung.call("POST", `/api/supervisor/campaign/${WL}/start`, { sharePercent: 50 });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "campaign_paused" } } });
    expect(refused.body.error.message).toBe("Die Einladungen dieser Region sind angehalten. Bitte erst fortsetzen.");
    const held = await leitung.call("POST", `/api/supervisor/invitation-runs/${published.body.run.id}/execute`);
    expect(held).toMatchObject({ status: 409, body: { error: { code: "campaign_paused" } } });
    expect((await leitung.call("POST", "/api/supervisor/invitation-runs", { regionId: WL })).status).toBe(409);
    // Other regions are not held.
    expect((await region()).invitations.invited + (await region()).invitations.booked).toBe(4);
    expect(
      (await leitung.call("POST", "/api/supervisor/invitation-runs", { regionId: "hessen", sharePercent: 10 })).status,
    ).toBe(201);

    expect((await leitung.call("POST", `/api/supervisor/campaign/${WL}/pause`, { paused: false })).status).toBe(200);
    const resumed = await leitung.call("POST", `/api/supervisor/invitation-runs/${published.body.run.id}/execute`);
    expect(resumed.status).toBe(200);
    const actions = await s.db.query<{ action: string; details: { regionId: string } }>(
      `SELECT action, details FROM supervisor_action WHERE action LIKE 'waitlist.campaign.%' ORDER BY id`,
    );
    expect(actions.map((a) => [a.action, a.details.regionId])).toEqual([
      ["waitlist.campaign.paused", WL],
      ["waitlist.campaign.resumed", WL],
    ]);
  });

  it("when the start or the pause is malformed or names no region, then a typed error comes back", async () => {
    const bad = await leitung.call("POST", `/api/supervisor/campaign/${WL}/start`, { sharePercent: 170 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "supply_invalid" } } });
    const unknown = await leitung.call("POST", "/api/supervisor/campaign/atlantis/pause", { paused: true });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "region_unknown" } } });
    const noFlag = await leitung.call("POST", `/api/supervisor/campaign/${WL}/pause`, {});
    expect(noFlag).toMatchObject({ status: 400, body: { error: { code: "supply_invalid" } } });
  });
});
