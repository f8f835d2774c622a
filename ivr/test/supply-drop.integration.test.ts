// Supply drops (issue 18) on each database: a reduced delivery first gives back the open
// invitations' pairs, then moves the latest booked pairs (same weekday and time a week later,
// or the next slot with room that day), then lowers the capacity; a given first dose's pair is
// never moved, no slot is ever over capacity, each moved person gets a notice (or a letter),
// and executing the same drop twice moves nobody twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlCentreDayStore } from "../src/adapters/db/sql-centre-day-store.ts";
import { SqlLetterStore } from "../src/adapters/db/sql-letter-store.ts";
import { SqlSupplyDropStore } from "../src/adapters/db/sql-supply-drop-store.ts";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { isDomainError } from "../src/domain/errors.ts";
import { enforceRetention, RETENTION } from "../src/domain/privacy/retention.ts";
import { SupplyDrops, type DropStep } from "../src/domain/supply/supply-drops.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const REGION = "westfalen-lippe";
const DROP_DAY = "2021-01-27"; // a Wednesday in the week of 25 January
const TARGET_DAY = "2021-02-03"; // the Wednesday after
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+01:00`);

describe.each(DB_KINDS)("supply drops on %s", (kind) => {
  let s: TestServices;
  let clock: FakeClock;
  let drops: SupplyDrops;
  let centreId: number;
  const steps: { step: DropStep; violations: Awaited<ReturnType<typeof ledgerViolations>>; capacity: number }[] = [];
  const ids: Record<string, number> = {};
  let entryId: number;

  /** The summed capacity of the drop day's first-dose slots. */
  const dropDayCapacity = async () => {
    const [row] = await s.db.query<{ c: number }>(
      `SELECT coalesce(sum(capacity), 0)::int AS c FROM slot WHERE dose = 1 AND centre_id = $1 AND starts_at >= $2 AND starts_at < $3`,
      [centreId, at(DROP_DAY, "00:00"), at(DROP_DAY, "23:59")],
    );
    return row!.c;
  };
  const firstSlotOf = async (bookingId: number) => {
    const [row] = await s.db.query<{ code: string; first: Date | string; second: Date | string }>(
      `SELECT b.code, f.starts_at AS first, p.starts_at AS second
         FROM booking b JOIN slot f ON f.id = b.first_slot_id JOIN slot p ON p.id = b.second_slot_id WHERE b.id = $1`,
      [bookingId],
    );
    return { code: row!.code, first: new Date(row!.first), second: new Date(row!.second) };
  };

  beforeAll(async () => {
    clock = new FakeClock("2021-01-25T08:00:00+01:00");
    s = await createTestServices(kind, clock);
    drops = new SupplyDrops(new SqlSupplyDropStore(s.db), s.geography, clock, async (step) => {
      steps.push({ step, violations: await ledgerViolations(s), capacity: await dropDayCapacity() });
    });
    // The dropped week: six pairs on Wednesday, 10:00 to 12:30; the week after: six more.
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(6, { day: DROP_DAY });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(6, { day: TARGET_DAY });
    centreId = centre.id;
    const week = await s.ledger.freePairs(centreId, { limit: 6 });
    const names = ["Given", "Early", "Mid", "Late", "Last"];
    for (const [i, name] of names.entries()) {
      const over = {
        name: `${name} Person`,
        birthDate: `193${i}-02-0${i + 1}`,
        ...(name === "Late" ? { phone: null } : {}),
      };
      ids[name] = (
        await s.ledger.book({ firstSlotId: week[i]!.firstSlotId, person: person(i, over), channel: "phone" })
      ).bookingId;
    }
    // "Given" had the first dose: the reception marked it.
    expect(
      await new SqlCentreDayStore(s.db).mark({
        centreId,
        bookingId: ids.Given!,
        dose: 1,
        attendance: "attended",
        by: "empfang",
        at: clock.now(),
      }),
    ).toBe(true);
    // 12:30 is held by an open waiting-list invitation.
    const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, clock, { minAge: 80 });
    const entry = await waitlist.register(
      { name: "Wartende Person", birthDate: "1931-07-07", postcode: "33330", phone: "+4915100000099", language: "tr" },
      "agent",
      "agent:anna",
    );
    entryId = entry.entry.id;
    const hold = await s.ledger.hold(week[5]!.firstSlotId, "invitation");
    const [run] = await s.db.query<{ id: number }>(
      `INSERT INTO invitation_run (region_id, seed, seed_hash, list_hash, frozen_list, entries, share_percent, deadline_hours, created_by)
       VALUES ($1, $2, $2, $2, '', 1, 70, 72, 'test') RETURNING id`,
      [REGION, "0".repeat(64)],
    );
    await s.db.query(
      `INSERT INTO waitlist_invitation (run_id, entry_id, position, centre_id, first_slot_id, second_slot_id, hold_id, status, deadline)
       VALUES ($1, $2, 0, $3, $4, $5, $6::uuid, 'invited', $7)`,
      [run!.id, entryId, centreId, hold.firstSlotId, hold.secondSlotId, hold.holdId, at("2021-01-28", "08:00")],
    );
    await s.db.query(`UPDATE waitlist_entry SET status = 'invited' WHERE id = $1`, [entryId]);
    // "Mid" came through an earlier invitation: Turkish, in a wheelchair, with an interpreter.
    const mid = await waitlist.register(
      {
        name: "Mid Person",
        birthDate: "1932-02-03",
        postcode: "33330",
        language: "tr",
        wheelchair: true,
        interpreter: true,
      },
      "agent",
      "agent:anna",
    );
    await s.db.query(
      `INSERT INTO waitlist_invitation (run_id, entry_id, position, centre_id, first_slot_id, second_slot_id, booking_id, status)
       SELECT $1, $2, 1, $3, first_slot_id, second_slot_id, id, 'accepted' FROM booking WHERE id = $4`,
      [run!.id, mid.entry.id, centreId, ids.Mid],
    );
    await s.db.query(`UPDATE waitlist_entry SET status = 'booked' WHERE id = $1`, [mid.entry.id]);
    // On the target day, 12:00 is already booked: "Last" (12:00) must go to 12:30.
    const target = await s.ledger.freePairs(centreId, { after: at(TARGET_DAY, "11:59"), limit: 1 });
    await s.ledger.book({ firstSlotId: target[0]!.firstSlotId, person: person(9), channel: "phone" });
  });
  afterAll(async () => {
    await s?.dispose();
  });

  const request = { regionId: REGION, vaccineId: "biontech", weekStart: "2021-01-25", dosesLost: 8, shiftDays: 7 };
  let dropId: number;

  it("when a supervisor previews a drop of 8 doses, then the plan moves 3 pairs a week on and nothing changes yet", async () => {
    const before = await dropDayCapacity();
    const preview = await drops.preview(request, "leitung");
    dropId = preview.dropId;
    expect(preview).toMatchObject({
      dosesDelivered: 12,
      pairsLost: 4,
      invitationHolds: 1,
      freePairs: 1,
      protectedPairs: 1,
      movesNeeded: 3,
      moving: 3,
      unmovable: 0,
      shortfall: 0,
      byDay: [{ from: DROP_DAY, to: TARGET_DAY, pairs: 3 }],
    });
    expect(await dropDayCapacity()).toBe(before);
    expect(await s.db.query(`SELECT 1 FROM hold`)).toHaveLength(1);
    expect(await s.db.query(`SELECT 1 FROM booking_event WHERE action = 'rebooked'`)).toHaveLength(0);
  });

  it("when it is executed, then holds go first, the latest pairs move, and only then the capacity drops, never over capacity", async () => {
    const result = await drops.execute(dropId, "leitung");
    expect(result).toMatchObject({ invitationHoldsReleased: 1, moved: 3, unmovable: 0, pairsCut: 4, shortfall: 0 });
    expect(steps.map((x) => x.step)).toEqual(["holds_released", "moved", "capacity_lowered"]);
    for (const step of steps) expect(step.violations).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    // Six pairs until the moves are done; two afterwards (the given one's and Early's).
    expect(steps.map((x) => x.capacity)).toEqual([6, 6, 2]);
    // The invitation lapsed, the person waits for the next run.
    const [invitation] = await s.db.query<{ status: string }>(
      `SELECT status FROM waitlist_invitation WHERE entry_id = $1`,
      [entryId],
    );
    expect(invitation!.status).toBe("expired");
    const [entry] = await s.db.query<{ status: string }>(`SELECT status FROM waitlist_entry WHERE id = $1`, [entryId]);
    expect(entry!.status).toBe("waiting");
  });

  it("then the given first dose and the earliest pair stay; the moved keep their codes and the vaccine's interval", async () => {
    expect((await firstSlotOf(ids.Given!)).first).toEqual(at(DROP_DAY, "10:00"));
    expect((await firstSlotOf(ids.Early!)).first).toEqual(at(DROP_DAY, "10:30"));
    const moved = {
      Mid: at(TARGET_DAY, "11:00"),
      Late: at(TARGET_DAY, "11:30"),
      Last: at(TARGET_DAY, "12:30"), // 12:00 was full: the next slot with room that day
    };
    for (const [name, first] of Object.entries(moved)) {
      const now = await firstSlotOf(ids[name]!);
      expect(now.first).toEqual(first);
      expect(now.second.getTime() - now.first.getTime()).toBe(21 * 86_400_000);
    }
    const codes = await s.db.query<{ id: number; code: string }>(
      `SELECT id, code FROM booking WHERE id = ANY($1::int[])`,
      [[ids.Mid, ids.Late, ids.Last]],
    );
    for (const row of codes) expect((await firstSlotOf(row.id)).code).toBe(row.code);
  });

  it("then the new day's list at the centre carries the moved person's needs from the waiting list", async () => {
    const list = await new SqlCentreDayStore(s.db).entries(centreId, at(TARGET_DAY, "00:00"), at(TARGET_DAY, "23:59"));
    const needs = Object.fromEntries(list.map((e) => [e.name, e.needs]));
    expect(needs).toEqual({
      "Mid Person": ["wheelchair", "interpreter"],
      "Late Person": [],
      "Erika Mustermann 9": [],
      "Last Person": [],
    });
  });

  it("then each moved person has a pending notice in their language; without a phone, a letter that says so", async () => {
    const notices = await s.db.query<{ booking_id: number; language: string; channel: string; status: string }>(
      `SELECT booking_id, language, channel, status FROM supply_move_notice WHERE drop_id = $1 ORDER BY booking_id`,
      [dropId],
    );
    expect(notices).toEqual(
      [
        { booking_id: ids.Mid, language: "tr", channel: "call", status: "pending" },
        { booking_id: ids.Late, language: "de", channel: "letter", status: "pending" },
        { booking_id: ids.Last, language: "de", channel: "call", status: "pending" },
      ].sort((a, b) => a.booking_id! - b.booking_id!),
    );
    await s.db.query(`UPDATE person SET street = 'Kirchstraße 4', city = 'Gütersloh' WHERE name = 'Late Person'`);
    const batch = await new SqlLetterStore(s.db).batch("2021-01-25");
    expect(batch.map((r) => [r.kind, r.firstStartsAt.toISOString()])).toEqual([
      ["moved", at(TARGET_DAY, "11:30").toISOString()],
    ]);
  });

  it("when the same drop is executed again (twice at once), then nobody is moved twice and the first result comes back", async () => {
    const again = await Promise.all([drops.execute(dropId, "leitung"), drops.execute(dropId, "leitung")]);
    for (const r of again) expect(r).toMatchObject({ moved: 3, pairsCut: 4, replayed: true });
    expect(await s.db.query(`SELECT 1 FROM booking_event WHERE action = 'rebooked'`)).toHaveLength(3);
    expect(await s.db.query(`SELECT 1 FROM supply_move_notice`)).toHaveLength(3);
    expect(await dropDayCapacity()).toBe(2);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    const audit = await s.db.query<{ action: string }>(
      `SELECT action FROM supervisor_action WHERE action LIKE 'supply_drop.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "supply_drop.planned",
      "supply_drop.started",
      "supply_drop.holds_released",
      "supply_drop.moved",
      "supply_drop.capacity_lowered",
      "supply_drop.executed",
    ]);
  });

  it("when nothing has room a week on, then the pairs are reported unmovable and stay, and capacity is not cut below them", async () => {
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(2, { day: "2021-02-10" });
    const pairs = await s.ledger.freePairs(centreId, { after: at("2021-02-10", "00:00"), limit: 2 });
    for (const [i, p] of pairs.entries())
      await s.ledger.book({ firstSlotId: p.firstSlotId, person: person(20 + i), channel: "phone" });
    const preview = await drops.preview({ ...request, weekStart: "2021-02-08", dosesLost: 4 }, "leitung");
    expect(preview).toMatchObject({ pairsLost: 2, movesNeeded: 2, moving: 0, unmovable: 2, shortfall: 2 });
    const result = await drops.execute(preview.dropId, "leitung");
    expect(result).toMatchObject({ moved: 0, unmovable: 2, pairsCut: 0, shortfall: 2 });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when the input is wrong, then the errors are typed", async () => {
    const fails = (over: Record<string, unknown>, code: Parameters<typeof isDomainError>[1]) =>
      expect(drops.preview({ ...request, ...over }, "leitung")).rejects.toSatisfy((e) => isDomainError(e, code));
    await fails({ weekStart: "2021-01-11" }, "supply_drop_week_past");
    await fails({ shiftDays: 10 }, "supply_drop_shift_invalid");
    await fails({ shiftDays: 28 }, "supply_drop_shift_invalid");
    await fails({ shiftDays: 0 }, "supply_drop_shift_invalid");
    await fails({ dosesLost: 0 }, "supply_invalid");
    await fails({ weekStart: "2021-13-45" }, "supply_invalid");
    await fails({ regionId: "bayern" }, "region_unknown");
    await fails({ vaccineId: "sputnik" }, "vaccine_unknown");
    await expect(drops.execute(999_999, "leitung")).rejects.toSatisfy((e) => isDomainError(e, "supply_drop_unknown"));
    expect(await drops.allowedShifts("biontech")).toEqual([7, 14, 21]);
  });

  it("when the retention period has passed, then the move notices (phone, language) are deleted; the moves stay", async () => {
    const store = new SqlPrivacyStore(s.db);
    const noRecordings = { deleteRecording: async () => undefined };
    const written = clock.now().getTime();
    const early = await enforceRetention(
      store,
      noRecordings,
      new Date(written + (RETENTION.supplyNoticeDays - 1) * 86_400_000),
    );
    expect(early.supplyNotices).toBe(0);
    const late = await enforceRetention(
      store,
      noRecordings,
      new Date(written + (RETENTION.supplyNoticeDays + 1) * 86_400_000),
    );
    expect(late.supplyNotices).toBe(3);
    expect(await s.db.query(`SELECT 1 FROM supply_move_notice`)).toHaveLength(0);
    expect((await firstSlotOf(ids.Mid!)).first).toEqual(at(TARGET_DAY, "11:00"));
  });
});
