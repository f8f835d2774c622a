import { describe, expect, it } from "vitest";
import { movesByDay, planDrop, shiftedTime } from "./supply-drop-plan.ts";

const at = (iso: string) => new Date(iso);
const slot = (id: number, iso: string, free: number, invitationHeld = 0) => ({
  firstSlotId: id,
  centreId: 1,
  startsAt: at(iso),
  capacity: 3,
  free,
  invitationHeld,
});

describe("planning a supply drop", () => {
  it("when free places and invitation holds cover the loss, then nobody moves", () => {
    const plan = planDrop({
      pairsToCut: 3,
      shiftDays: 7,
      weekSlots: [slot(1, "2021-03-03T09:00:00+01:00", 2, 1)],
      candidates: [{ bookingId: 7, firstSlotId: 1, centreId: 1, firstStartsAt: at("2021-03-03T09:00:00+01:00") }],
      protectedPairs: 0,
      targets: [],
    });
    expect(plan).toMatchObject({ freePairs: 3, invitationHolds: 1, movesNeeded: 0, moves: [], shortfall: 0 });
  });

  it("when pairs must move, then the latest first; a full target sends one to the next slot with room that day, never to another day", () => {
    const plan = planDrop({
      pairsToCut: 3,
      shiftDays: 7,
      weekSlots: [],
      candidates: [
        { bookingId: 1, firstSlotId: 1, centreId: 1, firstStartsAt: at("2021-03-03T09:00:00+01:00") },
        { bookingId: 2, firstSlotId: 2, centreId: 1, firstStartsAt: at("2021-03-03T10:00:00+01:00") },
        { bookingId: 3, firstSlotId: 3, centreId: 1, firstStartsAt: at("2021-03-04T10:00:00+01:00") },
      ],
      protectedPairs: 1,
      targets: [
        { firstSlotId: 10, centreId: 1, startsAt: at("2021-03-10T09:00:00+01:00"), free: 0 },
        { firstSlotId: 11, centreId: 1, startsAt: at("2021-03-10T10:00:00+01:00"), free: 1 },
        { firstSlotId: 12, centreId: 1, startsAt: at("2021-03-11T10:00:00+01:00"), free: 1 },
      ],
    });
    // Booking 3 (Thursday) goes first, then 2 (Wednesday 10:00) takes the one place at 10:00;
    // booking 1 (09:00) finds 09:00 full and 10:00 gone: unmovable, not moved to Thursday.
    expect(plan.moves.map((m) => [m.bookingId, m.targets[0], m.sameTime])).toEqual([
      [3, 12, true],
      [2, 11, true],
    ]);
    expect(plan.unmovable.map((u) => u.bookingId)).toEqual([1]);
    expect(plan.shortfall).toBe(1);
    expect(movesByDay(plan.moves)).toEqual([
      { from: "2021-03-03", to: "2021-03-10", pairs: 1 },
      { from: "2021-03-04", to: "2021-03-11", pairs: 1 },
    ]);
  });

  it("when the clocks go forward in between, then 09:30 stays 09:30 Berlin time", () => {
    expect(shiftedTime(at("2021-03-24T09:30:00+01:00"), 7).toISOString()).toBe("2021-03-31T07:30:00.000Z");
  });
});
