import { describe, expect, it } from "vitest";
import { estimateError, estimateWait } from "./wait-estimate.ts";

describe("the wait a caller is told", () => {
  it.each([
    // position, agents, handle s → range
    [1, 10, 300, { minMinutes: 0, maxMinutes: 5 }],
    [30, 10, 300, { minMinutes: 10, maxMinutes: 20 }],
    [100, 10, 360, { minMinutes: 45, maxMinutes: 75 }],
    [12, 2, 240, { minMinutes: 15, maxMinutes: 30 }],
  ])("when %i callers are ahead with %i agents at %i s, then %o", (position, agents, handle, range) => {
    expect(estimateWait({ position, agentsWorking: agents, avgHandleSeconds: handle })).toEqual(range);
  });

  it("when nobody is working, then no number is invented", () => {
    expect(estimateWait({ position: 3, agentsWorking: 0, avgHandleSeconds: 300 })).toBeNull();
  });

  it("when the caller moves up, then the estimate never grows", () => {
    let last = Infinity;
    for (let position = 40; position >= 1; position--) {
      const e = estimateWait({ position, agentsWorking: 5, avgHandleSeconds: 300 })!;
      expect(e.maxMinutes).toBeLessThanOrEqual(last);
      last = e.maxMinutes;
    }
  });

  it("when the real wait falls inside or outside the range, then the error says by how much", () => {
    const e = { minMinutes: 10, maxMinutes: 15 };
    expect(estimateError(e, 12 * 60)).toBe(0);
    expect(estimateError(e, 20 * 60)).toBe(5);
    expect(estimateError(e, 4 * 60)).toBe(-6);
  });
});
