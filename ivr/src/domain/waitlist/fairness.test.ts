// Fairness, measured on the run's own planning (issue 17): 10,000 entries of one priority group,
// registered one after the other, planned in lottery order onto fewer free pairs than people.
// Who is invited, and in which order, must not follow registration order (Spearman's ρ within
// ±0.05); nobody is invited twice; no pair is given out beyond what is free.
import { describe, expect, it } from "vitest";
import { InvitationPlanner, type FreePlace, type PlanEntry } from "./invitation-plan.ts";
import { drawSeed, lotteryOrder, spearman } from "./lottery.ts";
import { generateRegistrationNumber } from "./registration-number.ts";

const ENTRIES = 10_000;

function places(): FreePlace[] {
  // Two centres, three weeks of morning and afternoon slots: 6,300 pairs for 10,000 people.
  const out: FreePlace[] = [];
  let id = 1;
  for (const centreId of [1, 2])
    for (let day = 0; day < 21; day++)
      for (const hour of [8, 9, 10, 13, 14, 15])
        out.push({
          firstSlotId: id++,
          centreId,
          startsAt: new Date(Date.UTC(2021, 1, 1 + day, hour - 1)),
          morning: hour < 12,
          free: 25,
        });
  return out;
}

describe("fairness of an invitation run", () => {
  it("within one priority group over 10,000 entries: |ρ| ≤ 0.05 between registration and invitation order, nobody twice, no pair twice", () => {
    const registered = new Map<string, number>(); // registration number → registration order
    while (registered.size < ENTRIES) registered.set(generateRegistrationNumber(), registered.size);
    const members = [...registered.keys()].map((registrationNumber) => ({ group: 1, registrationNumber }));
    const order = lotteryOrder(drawSeed(), members);

    const free = places();
    const initial = new Map(free.map((p) => [p.firstSlotId, p.free]));
    const planner = new InvitationPlanner(free, 100, new Date(Date.UTC(2021, 1, 8)), (c) => [c, c === 1 ? 2 : 1]);
    const invited: { registered: number; position: number }[] = [];
    const given = new Map<number, number>();
    const people = new Set<number>();
    order.forEach((m, position) => {
      const n = registered.get(m.registrationNumber)!;
      const entry: PlanEntry = {
        entryId: n + 1,
        registrationNumber: m.registrationNumber,
        position,
        centreId: 1 + (n % 2),
        timeOfDay: n % 5 === 0 ? "morning" : n % 5 === 1 ? "afternoon" : "any",
        letter: n % 4 === 3,
      };
      const a = planner.assign(entry);
      if (!a) return;
      expect(people.has(entry.entryId)).toBe(false);
      people.add(entry.entryId);
      given.set(a.place.firstSlotId, (given.get(a.place.firstSlotId) ?? 0) + 1);
      invited.push({ registered: n, position });
    });

    expect(invited.length).toBe(6_300); // every free pair given, and no more
    const overGiven = [...given].filter(([slot, n]) => n > initial.get(slot)!);
    expect(overGiven).toEqual([]);
    const rho = spearman(
      invited.map((i) => i.registered),
      invited.map((i) => i.position),
    );
    expect(Math.abs(rho)).toBeLessThanOrEqual(0.05);
    // The people reached are not the early registrants: about as many from each half of the list.
    const early = invited.filter((i) => i.registered < ENTRIES / 2).length;
    expect(Math.abs(early / invited.length - 0.5)).toBeLessThan(0.05);
  });
});
