import type { Logger } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerAudit } from "../src/background-jobs.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

describe.each(DB_KINDS)("the hourly ledger audit on %s", (kind) => {
  let s: TestServices;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock());
  });
  afterAll(async () => {
    await s?.dispose();
  });

  it("when the ledger is consistent, then it counts the booking and the hold and logs nothing", async () => {
    const centre = await givenCentre(s, "Bielefeld").withFreePairs(3);
    const booked = await s.ledger.holdEarliest(centre.id, "call-audit-1");
    await s.ledger.book({ holdId: booked!.holdId, person: person(71), channel: "phone" });
    await s.ledger.holdEarliest(centre.id, "call-audit-2");
    const logger = { error: vi.fn() } as unknown as Logger;

    const audit = await ledgerAudit(s, logger)();

    expect(audit).toMatchObject({ overbooked: 0, personsWithTwoBookings: 0, activeBookings: 1, holds: 1 });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("when a slot's counter no longer matches its bookings, then the audit finds it and logs an error", async () => {
    // Over capacity the database itself refuses (a check constraint); a counter out of step it cannot see.
    const [slot] = await s.db.query<{ id: number }>("SELECT id FROM slot WHERE booked = 0 AND held = 0 LIMIT 1");
    await s.db.query("UPDATE slot SET booked = 1 WHERE id = $1", [slot!.id]);
    const logger = { error: vi.fn() } as unknown as Logger;

    const audit = await ledgerAudit(s, logger)();

    expect(audit).toMatchObject({ overCapacity: 0, countMismatch: 1, halfPairs: 0, overbooked: 1 });
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ countMismatch: 1 }),
      "ledger audit: invariants broken",
    );
  });
});
