import { describe, expect, it } from "vitest";
import { priorityGroup, randomRank, releaseWindow } from "./fairness.ts";

const now = new Date("2021-01-25T09:30:00+01:00");

describe("who is called back first", () => {
  it("when someone holds a code without appointment, then they come before everyone without", () => {
    expect(priorityGroup({ hasCode: true, birthYear: 1940 }, now)).toBeLessThan(
      priorityGroup({ hasCode: false, birthYear: 1925 }, now),
    );
  });

  it("when two callers differ in age band, then the older comes first", () => {
    const groups = [1928, 1934, 1939, null].map((birthYear) => priorityGroup({ hasCode: false, birthYear }, now));
    expect(groups).toEqual([4, 5, 6, 7]);
  });

  it("when requests come in the first hour after opening, then they share one window", () => {
    const a = releaseWindow(new Date("2021-01-25T08:00:05+01:00"), 60, "08:00");
    const b = releaseWindow(new Date("2021-01-25T08:59:59+01:00"), 60, "08:00");
    const c = releaseWindow(new Date("2021-01-25T09:00:00+01:00"), 60, "08:00");
    expect(a).toEqual(b);
    expect(a.toISOString()).toBe("2021-01-25T07:00:00.000Z");
    expect(c.toISOString()).toBe("2021-01-25T08:00:00.000Z");
    expect(releaseWindow(new Date("2021-01-25T06:10:00+01:00"), 60, "08:00")).toEqual(a);
  });

  it("when ranks are drawn, then they are spread over [0, 1)", () => {
    const ranks = Array.from({ length: 10_000 }, randomRank);
    expect(Math.min(...ranks)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ranks)).toBeLessThan(1);
    const lowHalf = ranks.filter((r) => r < 0.5).length;
    expect(lowHalf).toBeGreaterThan(4_700);
    expect(lowHalf).toBeLessThan(5_300);
  });
});
