import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_SETTINGS as S } from "../../contracts/supervisor-api.ts";
import { levelAbove, serviceLevelLevel, thresholdProblems } from "./tile-levels.ts";

describe("tiles' levels", () => {
  it.each([
    [0.85, "ok"],
    [0.8, "ok"],
    [0.79, "warning"],
    [0.6, "warning"],
    [0.59, "critical"],
    [null, "ok"],
  ] as const)("when the service level is %s against 80 %% (red below 60 %%), then %s", (value, level) => {
    expect(serviceLevelLevel(value, S)).toBe(level);
  });

  it.each([
    [59, "ok"],
    [60, "warning"],
    [180, "critical"],
  ] as const)("when the longest wait is %i s (amber from 60 s, red from 180 s), then %s", (seconds, level) => {
    expect(levelAbove(seconds, S.longestWaitAmberSeconds, S.longestWaitRedSeconds)).toBe(level);
  });

  it("when red comes before amber, then the thresholds are refused", () => {
    expect(thresholdProblems(S)).toEqual([]);
    expect(
      thresholdProblems({ ...S, serviceLevelRedPercent: 90, longestWaitAmberSeconds: 300, callbacksOverdueRed: 0 }),
    ).toEqual(["service.serviceLevelRedPercent", "service.longestWaitRedSeconds", "service.callbacksOverdueRed"]);
  });

  it("when short abandons would reach the service-level target, then the short-abandon time is refused", () => {
    expect(thresholdProblems({ ...S, targetSeconds: 20, shortAbandonSeconds: 19 })).toEqual([]);
    expect(thresholdProblems({ ...S, targetSeconds: 20, shortAbandonSeconds: 20 })).toEqual([
      "service.shortAbandonSeconds",
    ]);
  });
});
