// An agent's holds: one live hold per conversation and household member, kept by the
// database. Trying pair after pair moves one hold instead of blocking every place tried (one
// agent held one slot 7 times); past the last household member the request is refused with
// hold_limit and nothing changes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("an agent's holds on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  let ben: ConsoleClient;
  let pairs: { firstSlotId: number }[];
  const clock = new FakeClock();

  const holdsOf = (owner: string) =>
    s.db.prisma.$queryRaw<{ first_slot_id: number; scope: string | null }[]>`
      SELECT first_slot_id, scope FROM hold WHERE owner = ${owner} ORDER BY first_slot_id`;
  const heldPlaces = async () =>
    (await s.db.prisma.$queryRaw<{ n: number }[]>`SELECT coalesce(sum(held), 0)::int AS n FROM slot`)[0]!.n;

  beforeAll(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    s = await createTestServices(kind, clock, ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(8);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    ben = new ConsoleClient(server.url);
    expect((await anna.login("anna", "pw-anna-123")).status).toBe(200);
    expect((await ben.login("ben", "pw-ben-123")).status).toBe(200);
    pairs = (await anna.call("GET", "/api/search?postcode=33330")).body.options[0].pairs;
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    for (const owner of ["agent:anna", "agent:ben"])
      await s.db.prisma.$queryRaw`SELECT ledger_release_holds(NULL::uuid, ${owner}, NULL::timestamptz)`;
  });

  it("when an agent holds one pair after another for the same person, then only the last stays held", async () => {
    const tried = [0, 1, 0, 2, 1, 0, 3].map((i) => pairs[i]!.firstSlotId);
    for (const firstSlotId of tried) {
      const answer = await anna.call("POST", "/api/holds", { firstSlotId });
      expect(answer.status).toBe(201);
      expect(answer.body.centreName).toBe("Impfzentrum Gütersloh");
    }
    expect(await holdsOf("agent:anna")).toEqual([
      { first_slot_id: pairs[3]!.firstSlotId, scope: "agent:anna|desk|person:0" },
    ]);
    expect(await heldPlaces()).toBe(2);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a household is booked, then each member and a rebooking keep a hold of their own; past the last member, hold_limit and nothing changes", async () => {
    for (const [member, i] of [
      [0, 0],
      [1, 1],
      ["rebook", 2],
      [1, 3],
    ] as const)
      expect((await anna.call("POST", "/api/holds", { firstSlotId: pairs[i]!.firstSlotId, member })).status).toBe(201);
    expect((await holdsOf("agent:anna")).map((h) => h.scope)).toEqual([
      "agent:anna|desk|person:0",
      "agent:anna|desk|rebook",
      "agent:anna|desk|person:1",
    ]);

    const refused = await anna.call("POST", "/api/holds", { firstSlotId: pairs[4]!.firstSlotId, member: 10 });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "hold_limit" } } });
    expect(refused.body.error.message).toMatch(/^Für dieses Gespräch sind schon so viele Terminpaare reserviert/);
    expect(await holdsOf("agent:anna")).toHaveLength(3);
    expect(await heldPlaces()).toBe(6);
  });

  it("when another agent holds for their own person, then neither replaces the other's hold", async () => {
    expect((await anna.call("POST", "/api/holds", { firstSlotId: pairs[0]!.firstSlotId })).status).toBe(201);
    expect((await ben.call("POST", "/api/holds", { firstSlotId: pairs[1]!.firstSlotId })).status).toBe(201);
    expect(await holdsOf("agent:anna")).toHaveLength(1);
    expect(await holdsOf("agent:ben")).toHaveLength(1);
  });

  it("when the same person's hold is asked for twice at once, then one hold remains and the ledger adds up", async () => {
    const answers = await Promise.all(
      [4, 5].map((i) => anna.call("POST", "/api/holds", { firstSlotId: pairs[i]!.firstSlotId })),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe("hold_limit");
    expect(await holdsOf("agent:anna")).toHaveLength(1);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});

describe.each(DB_KINDS)("the household's next pair and rebooking through the console on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    s = await createTestServices(kind, clock, ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(8);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    expect((await anna.login("anna", "pw-anna-123")).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when the next person of a household is searched from the first one's time, then pairs start there; a rebooking keeps the code", async () => {
    const all = (await anna.call("GET", "/api/search?postcode=33330")).body.options[0];
    const hold = await anna.call("POST", "/api/holds", { firstSlotId: all.pairs[2].firstSlotId, member: 0 });
    const person = { name: "Gisela Schmidt", birthDate: "1936-04-12", phone: null, postcode: "33330" };
    const booked = await anna.call("POST", "/api/bookings", {
      holdId: hold.body.holdId,
      person,
      idempotencyKey: "household-first-1",
    });
    expect(booked.status).toBe(201);

    const from = encodeURIComponent(booked.body.booking.firstStartsAt);
    const next = await anna.call("GET", `/api/search?centreId=${all.centreId}&from=${from}`);
    expect(next.status).toBe(200);
    const starts = next.body.options[0].pairs.map((p: { firstStartsAt: string }) => p.firstStartsAt);
    expect(starts.length).toBeGreaterThan(0);
    for (const at of starts) expect(at >= booked.body.booking.firstStartsAt).toBe(true);
    expect(starts[0]).toBe(all.pairs[3].firstStartsAt);

    const moveTo = await anna.call("POST", "/api/holds", { firstSlotId: all.pairs[0].firstSlotId, member: "rebook" });
    const moved = await anna.call("POST", `/api/bookings/${booked.body.booking.code}/rebook`, {
      holdId: moveTo.body.holdId,
      idempotencyKey: "household-rebook-1",
    });
    expect(moved.status).toBe(200);
    expect(moved.body.booking.code).toBe(booked.body.booking.code);
    expect(moved.body.booking.firstStartsAt).toBe(all.pairs[0].firstStartsAt);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
