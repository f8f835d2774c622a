import { describe, expect, it } from "vitest";
import { latency, median, percentile } from "./stats.ts";

describe("percentile and latency", () => {
  it("when samples are given, then the nearest-rank percentiles and the maximum are reported", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(latency(samples)).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 });
  });

  it("when there are no samples, then the percentile is NaN rather than 0", () => {
    expect(percentile([], 99)).toBeNaN();
  });
});

describe("median", () => {
  it("when the count is odd, then it is the middle value; when even, the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
