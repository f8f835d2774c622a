import { describe, expect, it } from "vitest";
import { pairsInBlocks, planSupply, shareByWeight } from "./supply-plan.ts";

const centre = (id: number, lanes: number) => ({ id, lanes, opensAt: "08:00", closesAt: "20:00" });

describe("planning a week's supply", () => {
  it("when Hessen gets 49,000 doses, then exactly 24,500 pairs are created, none more", () => {
    const centres = Array.from({ length: 26 }, (_, i) => centre(i + 1, 2 + (i % 7)));
    const plan = planSupply(centres, "2021-01-26", 49_000);
    expect(plan.pairs).toBe(24_500);
    expect(plan.unscheduled).toBe(0);
    expect(pairsInBlocks(plan.blocks)).toBe(24_500);
    expect(plan.perCentre.reduce((s, c) => s + c.pairs, 0)).toBe(24_500);
  });

  it("when the dose count is odd, then the odd dose makes no pair", () => {
    expect(planSupply([centre(1, 4)], "2021-01-26", 101).pairs).toBe(50);
  });

  it("when centres differ in lanes, then pairs follow the lanes", () => {
    const plan = planSupply([centre(1, 2), centre(2, 6)], "2021-01-26", 800);
    expect(plan.perCentre).toEqual([
      { centreId: 1, pairs: 100 },
      { centreId: 2, pairs: 300 },
    ]);
  });

  it("when supply exceeds what the lanes can vaccinate in a week, then the rest is reported, not created", () => {
    // 1 lane, 24 half-hour slots a day, 7 days, 3 people per slot: 504 pairs at most.
    const plan = planSupply([centre(1, 1)], "2021-01-26", 2_000);
    expect(plan.pairs).toBe(504);
    expect(plan.unscheduled).toBe(496);
    expect(pairsInBlocks(plan.blocks)).toBe(504);
  });

  it("when pairs are few, then they are spread over all seven days", () => {
    const plan = planSupply([centre(1, 4)], "2021-01-26", 28);
    expect(plan.blocks.map((b) => b.day)).toEqual([
      "2021-01-26",
      "2021-01-27",
      "2021-01-28",
      "2021-01-29",
      "2021-01-30",
      "2021-01-31",
      "2021-02-01",
    ]);
    expect(plan.blocks.every((b) => b.base === 0 && b.extra === 2)).toBe(true);
  });

  it("when sharing by weight, then parts add up to the total exactly", () => {
    expect(shareByWeight(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareByWeight(0, [1, 2])).toEqual([0, 0]);
    expect(shareByWeight(7, [0, 0])).toEqual([0, 0]);
  });
});
