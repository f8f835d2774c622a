import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../src/domain/errors.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

describe.each(DB_KINDS)("the ledger on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
  });
  afterAll(async () => {
    await s?.dispose();
  });

  it("when a centre has three free pairs, then availability by postcode says so with the earliest pair", async () => {
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(3);
    const answer = await s.ledger.availability.forPostcode("33330", s.ledger.offerFrom());
    expect(answer.areas).toHaveLength(1);
    expect(answer.areas[0]!.centre.name).toBe("Impfzentrum Gütersloh");
    expect(answer.areas[0]!.freePairs).toBe(3);
    expect(answer.areas[0]!.earliest!.firstStartsAt.toISOString()).toBe("2021-01-26T09:00:00.000Z");
    // Second dose 21 days later at the same Berlin wall-clock time.
    expect(answer.areas[0]!.earliest!.secondStartsAt.toISOString()).toBe("2021-02-16T09:00:00.000Z");
    expect(answer.regionFull).toBe(false);
  });

  it("when a postcode is outside NRW and Hessen, then outside_service_area names the state", async () => {
    const error = await s.ledger.availability.forPostcode("80331", s.ledger.offerFrom()).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("outside_service_area");
    expect(error.detail.states).toEqual(["Bayern"]);
    expect(await codeOf(s.ledger.availability.forPostcode("00000", new Date()))).toBe("postcode_unknown");
    expect(await codeOf(s.ledger.availability.forPostcode("3333", new Date()))).toBe("postcode_invalid");
  });

  it("when a postcode lies in two districts, then both districts are answered", async () => {
    const answer = await s.ledger.availability.forPostcode("51467", s.ledger.offerFrom());
    expect(answer.areas.map((a) => a.district.name).sort()).toEqual(["Köln", "Rheinisch-Bergischer Kreis"]);
  });

  it("when a pair is held and booked, then both slots count one booking and the code finds it", async () => {
    const centre = await givenCentre(s, "Bielefeld").withFreePairs(2);
    const held = await s.ledger.holdEarliest(centre.id, "call-1");
    expect(held).not.toBeNull();
    expect((await s.ledger.freePairs(centre.id)).length).toBe(1);
    const booked = await s.ledger.book({ holdId: held!.holdId, person: person(1), channel: "phone" });
    const found = await s.ledger.lookup(booked.code);
    expect(found).toMatchObject({
      status: "active",
      channel: "phone",
      firstSlotId: held!.firstSlotId,
      secondSlotId: held!.secondSlotId,
    });
    expect((await s.ledger.lookup(found.keypadCode)).id).toBe(found.id);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when 30 callers of one centre ask for the earliest pair at once, then each of its 6 pairs is held once and the rest hear full", async () => {
    const centre = await givenCentre(s, "Kreis Coesfeld").withFreePairs(6);
    const held = await Promise.all(Array.from({ length: 30 }, (_, i) => s.ledger.holdEarliest(centre.id, `race-${i}`)));
    const got = held.filter((h) => h !== null);
    expect(got).toHaveLength(6);
    expect(new Set(got.map((h) => h!.firstSlotId)).size).toBe(6);
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a caller asks for another date, then the old hold is given back and the next pair held in the same step", async () => {
    const centre = await givenCentre(s, "Kreis Borken").withFreePairs(2);
    const first = await s.ledger.holdEarliest(centre.id, "call-next");
    expect(first!.firstStartsAt.toISOString()).toBe("2021-01-26T09:00:00.000Z");
    const later = await s.ledger.holdEarliest(centre.id, "call-next", {
      after: new Date(first!.firstStartsAt.getTime() + 60_000),
      replaceHoldId: first!.holdId,
    });
    expect(later!.firstStartsAt.toISOString()).toBe("2021-01-26T09:30:00.000Z");
    // The first pair is free again; nothing later than the second exists.
    expect((await s.ledger.freePairs(centre.id)).map((p) => p.firstSlotId)).toEqual([first!.firstSlotId]);
    expect(
      await s.ledger.holdEarliest(centre.id, "call-other", {
        after: new Date(later!.firstStartsAt.getTime() + 60_000),
      }),
    ).toBeNull();
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a pair's second-dose slot is full, then the earliest hold skips that pair", async () => {
    const centre = await givenCentre(s, "Kreis Steinfurt").withFreePairs(2);
    const [early, late] = await s.ledger.freePairs(centre.id);
    await s.db.query("UPDATE slot SET capacity = booked + held WHERE id = $1", [early!.secondSlotId]);
    const held = await s.ledger.holdEarliest(centre.id, "call-skip");
    expect(held!.firstSlotId).toBe(late!.firstSlotId);
  });

  it("when a hold is older than its minutes, then booking it fails with hold_expired and the sweep frees it", async () => {
    const centre = await givenCentre(s, "Kreis Herford").withFreePairs(1);
    const held = await s.ledger.holdEarliest(centre.id, "call-2");
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(0);
    clock.advance(s.ledger.settings.holdMinutes + 1);
    expect(await codeOf(s.ledger.book({ holdId: held!.holdId, person: person(2), channel: "phone" }))).toBe(
      "hold_expired",
    );
    await s.ledger.sweepExpiredHolds();
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(1);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when the same booking request is repeated with its idempotency key, then one booking exists", async () => {
    const centre = await givenCentre(s, "Kreis Minden-Lübbecke").withFreePairs(3);
    const [pair] = await s.ledger.freePairs(centre.id);
    const request = {
      firstSlotId: pair!.firstSlotId,
      person: person(3),
      channel: "web" as const,
      idempotencyKey: "req-3",
    };
    const first = await s.ledger.book(request);
    const again = await s.ledger.book(request);
    expect(again).toEqual({ ...first, replayed: true });
    const count = await s.db.prisma.booking.count({ where: { idempotencyKey: "req-3" } });
    expect(count).toBe(1);
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(2);
  });

  it("when a person already holds a booking, then a second one (even spelled differently) is refused", async () => {
    const centre = await givenCentre(s, "Kreis Paderborn").withFreePairs(3);
    const [a, b] = await s.ledger.freePairs(centre.id);
    await s.ledger.book({
      firstSlotId: a!.firstSlotId,
      person: person(4, { name: "Käthe Müller" }),
      channel: "agent",
      agentId: "agent-1",
    });
    const again = s.ledger.book({
      firstSlotId: b!.firstSlotId,
      person: person(4, { name: "Mueller, Kaethe" }),
      channel: "phone",
    });
    expect(await codeOf(again)).toBe("already_booked");
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(2);
  });

  it("when someone under 80 books, then not_eligible and nothing is taken", async () => {
    const centre = await givenCentre(s, "Kreis Lippe").withFreePairs(1);
    const [pair] = await s.ledger.freePairs(centre.id);
    const result = s.ledger.book({
      firstSlotId: pair!.firstSlotId,
      person: person(5, { birthDate: "1950-01-01" }),
      channel: "web",
    });
    expect(await codeOf(result)).toBe("not_eligible");
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(1);
  });

  it("when a booking is cancelled, then both slots are free again and a second cancel says so", async () => {
    const centre = await givenCentre(s, "Kreis Höxter").withFreePairs(1);
    const [pair] = await s.ledger.freePairs(centre.id);
    const { code } = await s.ledger.book({ firstSlotId: pair!.firstSlotId, person: person(6), channel: "phone" });
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(0);
    await s.ledger.cancel(code, "agent", "agent-7");
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(1);
    expect(await codeOf(s.ledger.cancel(code, "phone"))).toBe("booking_not_active");
    const events = await s.db.prisma.bookingEvent.findMany({ where: { booking: { code } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.channel, e.agentId])).toEqual([
      ["booked", "phone", null],
      ["cancelled", "agent", "agent-7"],
    ]);
  });

  it("when a booking is rebooked, then it keeps its code, the old pair is freed and the new one taken, atomically", async () => {
    const centre = await givenCentre(s, "Kreis Soest").withFreePairs(2);
    const [a, b] = await s.ledger.freePairs(centre.id);
    const first = await s.ledger.book({ firstSlotId: a!.firstSlotId, person: person(7), channel: "phone" });
    const moved = await s.ledger.rebook(first.code, { firstSlotId: b!.firstSlotId, channel: "agent", agentId: "a-1" });
    // Same booking, same code, written and keypad form: the code the caller noted still works.
    expect(moved).toEqual({ bookingId: first.bookingId, code: first.code, replayed: false });
    const after = await s.ledger.lookup(first.code);
    expect(after).toMatchObject({ status: "active", firstSlotId: b!.firstSlotId, secondSlotId: b!.secondSlotId });
    expect((await s.ledger.lookup(after.keypadCode)).id).toBe(first.bookingId);
    const [free] = await s.ledger.freePairs(centre.id);
    expect(free!.firstSlotId).toBe(a!.firstSlotId);
    // The audit trail: booked, then rebooked naming the pair it left; no cancellation.
    const events = await s.db.prisma.bookingEvent.findMany({
      where: { bookingId: first.bookingId },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.channel, e.agentId, e.previousFirstSlotId, e.previousSecondSlotId])).toEqual([
      ["booked", "phone", null, null, null],
      ["rebooked", "agent", "a-1", a!.firstSlotId, a!.secondSlotId],
    ]);
    expect(await s.db.prisma.booking.count({ where: { person: { phone: person(7).phone } } })).toBe(1);
    // Rebooking onto a pair someone else took meanwhile leaves the booking where it was.
    await s.ledger.book({ firstSlotId: a!.firstSlotId, person: person(8), channel: "phone" });
    const third = s.ledger.rebook(first.code, { firstSlotId: a!.firstSlotId, channel: "agent" });
    expect(await codeOf(third)).toBe("slot_taken");
    expect(await s.ledger.lookup(first.code)).toMatchObject({ status: "active", firstSlotId: b!.firstSlotId });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a rebooking from a hold is repeated with its idempotency key, then it moves once and answers alike", async () => {
    const centre = await givenCentre(s, "Hochsauerlandkreis").withFreePairs(3);
    const [a, b, c] = await s.ledger.freePairs(centre.id);
    const first = await s.ledger.book({ firstSlotId: a!.firstSlotId, person: person(19), channel: "phone" });
    const held = await s.ledger.hold(b!.firstSlotId, "call:CA-rebook");
    const request = { holdId: held.holdId, channel: "phone" as const, idempotencyKey: "CA-rebook:1" };
    const [one, two] = await Promise.all([s.ledger.rebook(first.code, request), s.ledger.rebook(first.code, request)]);
    expect([one.replayed, two.replayed].sort()).toEqual([false, true]);
    expect(one.code).toBe(first.code);
    expect(two.code).toBe(first.code);
    expect(await s.ledger.lookup(first.code)).toMatchObject({ firstSlotId: b!.firstSlotId, status: "active" });
    const events = await s.db.prisma.bookingEvent.findMany({ where: { bookingId: first.bookingId } });
    expect(events.filter((e) => e.action === "rebooked")).toHaveLength(1);
    // A cancelled booking cannot be rebooked, and stays cancelled.
    await s.ledger.cancel(first.code, "phone");
    expect(await codeOf(s.ledger.rebook(first.code, { firstSlotId: c!.firstSlotId, channel: "phone" }))).toBe(
      "booking_not_active",
    );
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(3);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a centre is full, then the nearest centres with free pairs are offered, and the region is not called full", async () => {
    // Warendorf has nothing; Münster, next door, has pairs.
    await givenCentre(s, "Münster").withFreePairs(2);
    const answer = await s.ledger.availability.forPostcode("48231", s.ledger.offerFrom());
    expect(answer.areas[0]!.district.name).toBe("Kreis Warendorf");
    expect(answer.areas[0]!.earliest).toBeNull();
    expect(answer.areas[0]!.freePairs).toBe(0);
    expect(answer.alternatives.length).toBeGreaterThan(0);
    expect(answer.alternatives[0]!.centre.name).toBe("Impfzentrum Münster");
    expect(answer.alternatives.every((a) => a.earliest !== null)).toBe(true);
    expect(answer.regionFull).toBe(false);
  });

  it("when no centre of the region has a pair, then and only then the region is full", async () => {
    // Nothing was released for Hessen in this test database.
    const answer = await s.ledger.availability.forPostcode("60311", s.ledger.offerFrom());
    expect(answer.areas[0]!.earliest).toBeNull();
    expect(answer.regionFull).toBe(true);
  });

  it("when 200 bookings race for the last 10 pairs, then exactly 10 succeed and no slot is overbooked", async () => {
    const centre = await givenCentre(s, "Kreis Olpe").withFreePairs(10, { perSlot: 2 });
    const pairs = await s.ledger.freePairs(centre.id, { limit: 10 });
    expect(pairs).toHaveLength(5);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        codeOf(
          s.ledger.book({
            firstSlotId: pairs[i % pairs.length]!.firstSlotId,
            person: person(1000 + i),
            channel: "web",
          }),
        ),
      ),
    );
    expect(new Set(results)).toEqual(new Set(["ok", "slot_taken"]));
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(results.filter((r) => r !== "ok").every((r) => r === "slot_taken")).toBe(true);
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a week's supply is released, then exactly floor(doses / 2) pairs exist across the region", async () => {
    const result = await s.ledger.releaseSupply({
      regionId: "hessen",
      vaccineId: "biontech",
      weekStart: "2021-02-01",
      doses: 49_001,
      releasedBy: "supervisor-1",
    });
    expect(result.pairs).toBe(24_500);
    const [row] = await s.db.prisma.$queryRaw<{ first: number; second: number }[]>`
      SELECT sum(capacity) FILTER (WHERE dose = 1)::int AS first, sum(capacity) FILTER (WHERE dose = 2)::int AS second
        FROM slot WHERE release_id = ${result.releaseId}::int`;
    expect(row).toEqual({ first: 24_500, second: 24_500 });
    expect(
      await codeOf(
        s.ledger.releaseSupply({
          regionId: "bayern",
          vaccineId: "biontech",
          weekStart: "2021-02-01",
          doses: 10,
          releasedBy: "x",
        }),
      ),
    ).toBe("region_unknown");
    expect(
      await codeOf(
        s.ledger.releaseSupply({
          regionId: "hessen",
          vaccineId: "biontech",
          weekStart: "2020-02-01",
          doses: 10,
          releasedBy: "x",
        }),
      ),
    ).toBe("supply_invalid");
  });
});
