// Turns a week's delivered doses for one KV region into appointment capacity.
// Every appointment is a pair (first and second dose), so N doses make floor(N / 2) pairs,
// never more. Pairs are shared out across the region's centres by vaccination lanes, then
// spread evenly over the week's days and the half-hour slots of each day's opening hours.
import { addDays, minutesOfDay } from "../time/berlin.ts";

export const SLOT_MINUTES = 30;
/** One lane vaccinates a person every ten minutes: three per half-hour slot. */
export const PEOPLE_PER_LANE_PER_SLOT = 3;
export const DAYS_PER_RELEASE = 7;

export interface PlanCentre {
  id: number;
  lanes: number;
  opensAt: string;
  closesAt: string;
}

/** Slots of one centre on one day: slot i has capacity base + (i < extra ? 1 : 0). */
export interface SlotBlock {
  centreId: number;
  day: string; // YYYY-MM-DD, Europe/Berlin
  firstMinute: number; // minutes after midnight of the first slot
  slotCount: number;
  base: number;
  extra: number;
}

export interface SupplyPlan {
  doses: number;
  pairs: number; // pairs that will exist after the release
  unscheduled: number; // pairs the centres' lanes cannot take in this week
  perCentre: { centreId: number; pairs: number }[];
  blocks: SlotBlock[];
}

export function planSupply(centres: PlanCentre[], weekStart: string, doses: number): SupplyPlan {
  const wanted = Math.floor(doses / 2);
  const shares = shareByWeight(
    wanted,
    centres.map((c) => c.lanes),
  );
  const blocks: SlotBlock[] = [];
  const perCentre: SupplyPlan["perCentre"] = [];
  let unscheduled = 0;

  centres.forEach((centre, index) => {
    const firstMinute = minutesOfDay(centre.opensAt);
    const perDay = Math.floor((minutesOfDay(centre.closesAt) - firstMinute) / SLOT_MINUTES);
    const slots = perDay * DAYS_PER_RELEASE;
    const share = shares[index] ?? 0;
    const fits = Math.min(share, slots * centre.lanes * PEOPLE_PER_LANE_PER_SLOT);
    unscheduled += share - fits;
    perCentre.push({ centreId: centre.id, pairs: fits });
    if (fits === 0 || perDay <= 0) return;
    const base = Math.floor(fits / slots);
    const extras = shareByWeight(fits - base * slots, Array(DAYS_PER_RELEASE).fill(1));
    for (let d = 0; d < DAYS_PER_RELEASE; d++) {
      const extra = extras[d] ?? 0;
      if (base === 0 && extra === 0) continue;
      blocks.push({ centreId: centre.id, day: addDays(weekStart, d), firstMinute, slotCount: perDay, base, extra });
    }
  });

  return { doses, pairs: wanted - unscheduled, unscheduled, perCentre, blocks };
}

/** Splits total into integer parts proportional to weights (largest remainder method). */
export function shareByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

/** Pairs a plan's blocks add up to, computed from the blocks themselves. */
export function pairsInBlocks(blocks: SlotBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.base * b.slotCount + b.extra, 0);
}
