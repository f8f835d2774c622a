import { describe, expect, it } from "vitest";
import { acceptanceRate, DEFAULT_ACCEPTANCE, waveSize } from "./wave-size.ts";

describe("standby waves", () => {
  it("assumes half accept until twenty calls were answered, then uses what was measured", () => {
    expect(acceptanceRate(0, 0)).toBe(DEFAULT_ACCEPTANCE);
    expect(acceptanceRate(19, 19)).toBe(DEFAULT_ACCEPTANCE);
    expect(acceptanceRate(40, 30)).toBe(0.75);
  });

  it("never assumes fewer than one in five accept, so one dose is never fifty calls", () => {
    expect(acceptanceRate(100, 1)).toBe(0.2);
    expect(waveSize(1, 0, acceptanceRate(100, 1))).toBe(5);
  });

  it("calls doses left divided by the rate, minus the calls still out, and nobody once the doses are gone", () => {
    expect(waveSize(3, 0, 0.5)).toBe(6);
    expect(waveSize(3, 4, 0.5)).toBe(2);
    expect(waveSize(3, 7, 0.5)).toBe(0);
    expect(waveSize(0, 0, 0.5)).toBe(0);
    expect(waveSize(2, 0, 0.75)).toBe(3);
  });
});
