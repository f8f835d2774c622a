import { describe, expect, it } from "vitest";
import { hourlyRows, hourTicks, latestAndPeak, toPoints } from "./chart-data.ts";

const at = (h: number, m = 0) => Date.UTC(2021, 0, 25, h, m);

describe("chart data", () => {
  const points = toPoints([
    { at: new Date(at(8, 30)).toISOString(), value: 4 },
    { at: new Date(at(7, 0)).toISOString(), value: 2 },
    { at: new Date(at(7, 45)).toISOString(), value: 9 },
    { at: new Date(at(8, 0)).toISOString(), value: 1 },
  ]);

  it("when samples arrive out of order, then the points are sorted by time", () => {
    expect(points.map((p) => p.v)).toEqual([2, 9, 1, 4]);
  });

  it("when rows are made per hour, then peaks, levels and counts are each summed up their own way", () => {
    expect(hourlyRows(points, "max")).toEqual([
      { t: at(7), v: 9 },
      { t: at(8), v: 4 },
    ]);
    expect(hourlyRows(points, "last")).toEqual([
      { t: at(7), v: 9 },
      { t: at(8), v: 4 },
    ]);
    expect(hourlyRows(points, "sum")).toEqual([
      { t: at(7), v: 11 },
      { t: at(8), v: 5 },
    ]);
  });

  it("when the summary is made, then it names the latest value and the first peak", () => {
    expect(latestAndPeak(points)).toEqual({ latest: { t: at(8, 30), v: 4 }, peak: { t: at(7, 45), v: 9 } });
    expect(latestAndPeak([])).toBeNull();
  });

  it("when the day is long, then the axis ticks thin out to every few full hours", () => {
    expect(hourTicks(points)).toEqual([at(7), at(8)]);
    expect(
      hourTicks([
        { t: at(5, 10), v: 0 },
        { t: at(20, 50), v: 0 },
      ]),
    ).toEqual([at(6), at(8), at(10), at(12), at(14), at(16), at(18), at(20)]);
  });
});
