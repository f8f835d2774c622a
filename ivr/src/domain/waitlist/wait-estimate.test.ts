import { describe, expect, it } from "vitest";
import { WaitEstimates, weeksToWait, type WaitFigures } from "./wait-estimate.ts";

describe("how long a new registration waits", () => {
  it("when the region invited people last week, then earlier groups and half of the own group, in weeks of that pace", () => {
    expect(weeksToWait({ earlierGroups: 9_000, sameGroup: 6_000, invitedSince: 3_000 })).toBe(4);
    expect(weeksToWait({ earlierGroups: 0, sameGroup: 10, invitedSince: 3_000 })).toBe(1);
  });

  it("when nobody was invited last week, then no estimate", () => {
    expect(weeksToWait({ earlierGroups: 10, sameGroup: 10, invitedSince: 0 })).toBeNull();
  });

  it("when callers follow each other, then the figures are counted once per region and group for five minutes", async () => {
    let at = Date.parse("2021-02-01T10:00:00+01:00");
    const asked: [string, number, Date][] = [];
    const figures: WaitFigures = { earlierGroups: 100, sameGroup: 100, invitedSince: 50 };
    const estimates = new WaitEstimates(
      {
        waitFigures: async (regionId, group, since) => (asked.push([regionId, group, since]), figures),
      },
      { now: () => new Date(at) },
    );
    expect(await estimates.weeksFor({ regionId: "nordrhein", priorityGroup: 1 })).toBe(3);
    expect(await estimates.weeksFor({ regionId: "nordrhein", priorityGroup: 1 })).toBe(3);
    expect(await estimates.weeksFor({ regionId: "nordrhein", priorityGroup: 2 })).toBe(3);
    expect(asked).toHaveLength(2);
    expect(asked[0]![2].toISOString()).toBe("2021-01-25T09:00:00.000Z");
    at += 5 * 60_000;
    await estimates.weeksFor({ regionId: "nordrhein", priorityGroup: 1 });
    expect(asked).toHaveLength(3);
  });
});
