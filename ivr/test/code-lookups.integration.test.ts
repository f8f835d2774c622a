// Booking codes guessed through the console API (issue 15, finding 5): an agent's account
// looked up 1,000 codes at 470/s, all 404, no 429, and no read was recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBookingCode } from "../src/domain/ledger/booking-code.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123,carl:Carl Demir:pw-carl-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("booking-code lookups by agents on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let code: string;
  let bookingId: number;
  const clock = new FakeClock("2021-01-25T10:00:00+01:00");
  const agent = async (name: string) => {
    const client = new ConsoleClient(server.url);
    expect((await client.login(name, `pw-${name}-123`)).status).toBe(200);
    return client;
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(2);
    const held = await s.ledger.holdEarliest(centre.id, "test");
    const booked = await s.ledger.book({ holdId: held!.holdId, person: person(1), channel: "phone" });
    code = booked.code;
    bookingId = booked.bookingId;
    server = await startTestServer(s, ACCOUNTS);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when an agent looks up 1,000 codes, then 30 are answered and the rest refused with 429 before any read", async () => {
    const anna = await agent("anna");
    const statuses: Record<number, number> = {};
    let last: { status: number; body: any } | undefined;
    for (let i = 0; i < 1000; i += 10) {
      // Ten at a time, as a script would: a lookup racing another is counted once all the same.
      for (last of await Promise.all(
        Array.from({ length: 10 }, () => anna.call("GET", `/api/bookings/${generateBookingCode().code}`)),
      ))
        statuses[last.status] = (statuses[last.status] ?? 0) + 1;
    }
    expect(statuses).toEqual({ 404: 30, 429: 970 });
    expect(last!.body.error).toMatchObject({ code: "too_many_lookups", retryAfterSeconds: 600 });
    expect(last!.body.error.message).toBe(
      "Zu viele Abfragen von Buchungscodes. Bitte versuchen Sie es in 10 Minuten erneut.",
    );
    // The real code is refused too, and so are cancelling and rebooking by code.
    expect((await anna.call("GET", `/api/bookings/${code}`)).status).toBe(429);
    expect((await anna.call("POST", `/api/bookings/${code}/cancel`, {})).status).toBe(429);
    expect(
      (await anna.call("POST", `/api/bookings/${code}/rebook`, { firstSlotId: 1, idempotencyKey: "k" })).status,
    ).toBe(429);
    expect((await s.ledger.lookup(code)).status).toBe("active");
    // Another agent is not held back by Anna's limit; Anna is again when her window has passed.
    const ben = await agent("ben");
    expect((await ben.call("GET", `/api/bookings/${code}`)).status).toBe(200);
    clock.advance(10);
    expect((await anna.call("GET", `/api/bookings/${code}`)).status).toBe(200);
  });

  it("when an agent reads a booking, then who, when and which booking are recorded; a miss or a refusal records nothing", async () => {
    const carl = await agent("carl");
    clock.set("2021-01-25T11:15:00+01:00");
    const before = await s.db.prisma.bookingEvent.count({ where: { action: "viewed" } });
    expect((await carl.call("GET", `/api/bookings/${code}`)).body.booking.code).toBe(code);
    expect((await carl.call("GET", `/api/bookings/${generateBookingCode().code}`)).status).toBe(404);
    const views = await s.db.prisma.bookingEvent.findMany({ where: { action: "viewed", agentId: "carl" } });
    expect(views.map((v) => ({ bookingId: v.bookingId, channel: v.channel, at: v.at.toISOString() }))).toEqual([
      { bookingId, channel: "agent", at: "2021-01-25T10:15:00.000Z" },
    ]);
    expect(await s.db.prisma.bookingEvent.count({ where: { action: "viewed" } })).toBe(before + 1);
  });

  it("when callers enter codes on the phone, then each caller ID has its window in the database and withheld numbers share one", async () => {
    const refusals = [];
    for (let i = 0; i < 11; i++) refusals.push(await s.codeLookups.callerLookup("+4952411234567"));
    expect(refusals.slice(0, 10).every((r) => r === null)).toBe(true);
    expect(refusals[10]).toEqual({ retryAfterSeconds: 3600 });
    expect(await s.codeLookups.callerLookup("+4915112345678")).toBeNull();
    for (let i = 0; i < 30; i++) expect(await s.codeLookups.callerLookup(i % 2 ? null : "+266696687")).toBeNull();
    expect(await s.codeLookups.callerLookup(null)).toEqual({ retryAfterSeconds: 3600 });
  });
});
