// The waiting list in a person's export and erasure (DSGVO Art. 15 and 17), on each database:
// asked for with a registration number or a booking code and the birth date, the person's
// entries (also one merged into theirs), invitations and duplicate pairs are exported, then
// erased, and the pair held for an open invitation goes back at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { PersonErasure } from "../src/domain/privacy/person-erasure.ts";
import { InvitationRuns } from "../src/domain/waitlist/invitation-runs.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const REGION = "westfalen-lippe";

describe.each(DB_KINDS)("the waiting list in privacy requests on %s", (kind) => {
  let s: TestServices;
  let waitlist: Waitlist;
  let runs: InvitationRuns;
  let erasure: PersonErasure;
  const clock = new FakeClock("2021-01-25T09:00:00+01:00");
  const deleted: string[] = [];

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    const store = new SqlWaitlistStore(s.db);
    waitlist = new Waitlist(store, s.geography, clock, { minAge: 80 });
    runs = new InvitationRuns(store, s.ledger, s.geography, clock);
    erasure = new PersonErasure(new SqlPrivacyStore(s.db), s.ledger, {
      deleteRecording: async (url) => void deleted.push(url),
    });
  });
  afterAll(() => s?.dispose());

  const register = (name: string, over: Record<string, unknown> = {}) =>
    waitlist.register(
      { name, birthDate: "1934-05-06", postcode: "33330", phone: "+4915199900001", consentCalls: true, ...over },
      "agent",
      "agent:anna",
    );
  const traces = async (numbers: string[], entryIds: number[]) =>
    (
      await s.db.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM waitlist_entry WHERE registration_number = ANY ($1::char(10)[]) OR id = ANY ($2::int[]))
               + (SELECT count(*) FROM waitlist_invitation WHERE entry_id = ANY ($2::int[]))
               + (SELECT count(*) FROM waitlist_duplicate WHERE entry_id = ANY ($2::int[]) OR other_id = ANY ($2::int[]))
               + (SELECT count(*) FROM supervisor_action WHERE action LIKE 'waitlist.%'
                   AND (details->>'entryId' = ANY ($3::text[]))))::int AS n`,
        [numbers, entryIds, entryIds.map(String)],
      )
    )[0]!.n;

  it("when someone only on the waiting list asks with their registration number, then entries, invitation and duplicates are exported, then erased, and the held pair is free", async () => {
    const { entry } = await register("Grete Hoffmann");
    // A register row of the same person with a longer first name: listed, then merged into hers.
    const other = await register("Margarete Hoffmann", { phone: null, street: "Lindenweg 2", city: "Gütersloh" });
    const [pair] = await s.db.query<{ id: number }>(`SELECT id FROM waitlist_duplicate ORDER BY id DESC LIMIT 1`);
    await waitlist.decide(pair!.id, "merge", "agent:anna");
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(1, { day: "2021-01-27" });
    const run = await runs.publish(REGION, { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    const [invitation] = await runs.invitationsOf(entry.id);
    expect(invitation?.status).toBe("invited");
    const heldBefore = (await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`))[0]!.held;

    await expect(erasure.export(entry.registrationNumber, "1934-05-07", "leitung")).rejects.toMatchObject({
      code: "person_not_found",
    });
    const data = await erasure.export(entry.registrationNumber, "1934-05-06", "leitung");
    expect(data.person).toBeNull();
    expect(data.waitlist.entries.map((e) => [e.registrationNumber, e.name, e.status])).toEqual([
      [entry.registrationNumber, "Grete Hoffmann", "invited"],
      [other.entry.registrationNumber, "Margarete Hoffmann", "merged"],
    ]);
    expect(data.waitlist.entries[1]).toMatchObject({
      street: "Lindenweg 2",
      mergedIntoRegistrationNumber: entry.registrationNumber,
    });
    expect(data.waitlist.invitations).toEqual([
      expect.objectContaining({
        registrationNumber: entry.registrationNumber,
        runId: run.id,
        status: "invited",
        centre: "Impfzentrum Gütersloh",
      }),
    ]);
    expect(data.waitlist.duplicates).toEqual([
      {
        registrationNumbers: expect.arrayContaining([entry.registrationNumber, other.entry.registrationNumber]),
        status: "merged",
        decidedAt: expect.any(String),
      },
    ]);

    const report = await erasure.erase(entry.registrationNumber, "1934-05-06", "leitung");
    expect(report).toMatchObject({ waitlistEntries: 2, waitlistInvitations: 1, bookingsCancelled: 0 });
    expect(await traces([entry.registrationNumber, other.entry.registrationNumber], [entry.id, other.entry.id])).toBe(
      0,
    );
    const heldAfter = (await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`))[0]!.held;
    expect(heldAfter).toBe(heldBefore - 2); // both doses of the invitation's pair are free again
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    await expect(erasure.export(entry.registrationNumber, "1934-05-06", "leitung")).rejects.toMatchObject({
      code: "person_not_found",
    });
  });

  it("when a person booked by letter asks with their booking code, then the waiting-list entry is exported and erased with the booking", async () => {
    const { entry } = await register("Walter Brief", {
      birthDate: "1930-02-03",
      phone: null,
      consentCalls: false,
      street: "Am Markt 1",
      city: "Gütersloh",
    });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(1, { day: "2021-02-10" });
    const run = await runs.publish(REGION, { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    const [invitation] = await runs.invitationsOf(entry.id);
    expect(invitation?.status).toBe("booked");
    const [booking] = await s.db.query<{ code: string }>(`SELECT code FROM booking WHERE id = $1`, [
      invitation!.bookingId,
    ]);

    const data = await erasure.export(booking!.code, "1930-02-03", "leitung");
    expect(data.person).toMatchObject({ name: "Walter Brief", street: "Am Markt 1" });
    expect(data.bookings).toEqual([expect.objectContaining({ code: booking!.code, status: "active" })]);
    expect(data.waitlist.entries).toEqual([
      expect.objectContaining({ registrationNumber: entry.registrationNumber, status: "booked" }),
    ]);
    expect(data.waitlist.invitations).toEqual([expect.objectContaining({ status: "booked", runId: run.id })]);

    const report = await erasure.erase(booking!.code, "1930-02-03", "leitung");
    expect(report).toMatchObject({ bookingsCancelled: 1, waitlistEntries: 1, waitlistInvitations: 1 });
    expect((await s.ledger.lookup(booking!.code)).status).toBe("cancelled");
    expect(await traces([entry.registrationNumber], [entry.id])).toBe(0);
    const [left] = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM person WHERE name = 'Walter Brief' OR street = 'Am Markt 1'`,
    );
    expect(left!.n).toBe(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
