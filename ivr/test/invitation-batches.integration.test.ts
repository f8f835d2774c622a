// An invitation run in small batches, two in flight at once, while the world moves on each
// database: a caller books a pair the run had planned, and a person withdraws after the run read
// the list. The run plans those rows again, gives every free pair of its share, invites nobody
// twice, and the ledger stays consistent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import type { AssignRow } from "../src/domain/waitlist/waitlist-store.ts";
import { DEFAULT_RUN_SETTINGS, InvitationRuns } from "../src/domain/waitlist/invitation-runs.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

describe.each(DB_KINDS)("an invitation run in parallel batches on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock("2021-01-25T09:00:00+01:00");

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
  });
  afterAll(() => s?.dispose());

  it("when a caller books a planned pair and a person withdraws during the run, then the run plans again and gives its share", async () => {
    const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, clock, { minAge: 80 });
    const numbers: string[] = [];
    for (let n = 0; n < 30; n++)
      numbers.push(
        (
          await waitlist.register(
            {
              name: `Person Parallel${n}`,
              birthDate: `193${n % 10}-0${1 + (n % 9)}-1${n % 10}`,
              postcode: "33330",
              phone: `+49151777${String(n).padStart(4, "0")}`,
              consentCalls: true,
            },
            "agent",
            "agent:anna",
          )
        ).entry.registrationNumber,
      );
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(20, { day: "2021-01-27" });

    let calls = 0;
    let disturbed = false;
    // The world moves on between the run's batches: before the second batch, a caller takes the
    // pair planned for its first row, and the person of its second row withdraws.
    class Disturbed extends SqlWaitlistStore {
      override async assign(runId: number, rows: AssignRow[], times: Parameters<SqlWaitlistStore["assign"]>[2]) {
        if (++calls === 2 && !disturbed) {
          disturbed = true;
          const [slot] = await s.db.query<{ capacity: number; booked: number; held: number }>(
            `SELECT capacity, booked, held FROM slot WHERE id = $1`,
            [rows[0]!.firstSlotId],
          );
          for (let k = 0; k < slot!.capacity - slot!.booked - slot!.held; k++)
            await s.ledger.book({ firstSlotId: rows[0]!.firstSlotId, person: person(500 + k), channel: "phone" });
          const [entry] = await s.db.query<{ registration_number: string }>(
            `SELECT registration_number FROM waitlist_entry WHERE id = $1`,
            [rows[1]!.entryId],
          );
          await waitlist.withdraw(entry!.registration_number.trim(), "agent:anna");
        }
        return super.assign(runId, rows, times);
      }
    }
    const runs = new InvitationRuns(new Disturbed(s.db), s.ledger, s.geography, clock, {
      ...DEFAULT_RUN_SETTINGS,
      batchSize: 3,
    });
    const run = await runs.publish("westfalen-lippe", { sharePercent: 50 }, "leitung");
    const free = await s.db.query<{ free: number }>(
      `SELECT sum(least(f.capacity - f.booked - f.held, p.capacity - p.booked - p.held))::int AS free
         FROM slot f JOIN slot p ON p.id = f.partner_id WHERE f.dose = 1 AND NOT f.is_full AND NOT p.is_full`,
    );
    const result = await runs.execute(run.id, "leitung");
    expect(disturbed).toBe(true);
    // The share of what was free, less the one pair the caller took (it counts against the share:
    // the phone got it); the withdrawn person's pair went to the next in the order.
    expect(result.invited + result.booked).toBe(Math.floor(free[0]!.free / 2) - 1);
    const [twice] = await s.db.query<{ people: number; withdrawn: number }>(
      `SELECT (SELECT count(*)::int FROM (SELECT entry_id FROM waitlist_invitation GROUP BY 1 HAVING count(*) > 1) x) AS people,
              (SELECT count(*)::int FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
                WHERE e.status = 'withdrawn') AS withdrawn`,
    );
    expect(twice).toEqual({ people: 0, withdrawn: 0 });
    expect(await runs.verify(run.id)).toMatchObject({ ok: true });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
