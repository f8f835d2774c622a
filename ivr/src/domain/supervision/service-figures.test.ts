import { describe, expect, it } from "vitest";
import {
  intervals,
  NO_ACTIVITY,
  NO_COUNTS,
  quarterHourOf,
  serviceFigures,
  sum,
  type QueueCounts,
} from "./service-figures.ts";

const from = new Date("2021-01-25T09:00:00Z");
const until = new Date("2021-01-25T09:15:00Z");

describe("the service figures' ratios", () => {
  const counts = {
    ...NO_COUNTS,
    offered: 12,
    answered: 4,
    answeredInTarget: 3,
    abandoned: 2,
    shortAbandoned: 2,
    toCallback: 3,
    otherExits: 1,
    answerWaitSeconds: 200,
    estimated: 4,
    estimateWithin: 3,
    estimateErrorMinutes: 2,
  };
  const activity = { ...NO_ACTIVITY, talkSeconds: 900, holdSeconds: 60, wrapUpSeconds: 240, availableSeconds: 300 };

  it("when 3 of 4 answered were within target and 2 abandoned, then the service level is 3 / 6", () => {
    expect(serviceFigures(from, until, counts, activity).serviceLevel).toBe(0.5);
  });

  it("when 2 of 12 offered were short abandons, then the abandon rate is 2 / 10", () => {
    expect(serviceFigures(from, until, counts, activity).abandonRate).toBe(0.2);
  });

  it("when 4 answered waited 200 s in all, then the average speed of answer is 50 s", () => {
    expect(serviceFigures(from, until, counts, activity).avgSpeedOfAnswerSeconds).toBe(50);
  });

  it("when 1,200 s of talk, hold and wrap-up stand next to 300 s idle, then occupancy is 80 %", () => {
    expect(serviceFigures(from, until, counts, activity).occupancy).toBe(0.8);
  });

  it("when 3 conversations took 1,500 s, then the average handle time is 500 s", () => {
    const f = serviceFigures(from, until, counts, { ...activity, handled: 3, handledSeconds: 1500 });
    expect(f).toMatchObject({ handled: 3, avgHandleSeconds: 500 });
  });

  it("when 4 answered callers had been told an estimate and were 2 minutes off in all, then the mean error is 0.5 min", () => {
    expect(serviceFigures(from, until, counts, activity).estimate).toEqual({
      measured: 4,
      withinRange: 3,
      avgErrorMinutes: 0.5,
    });
  });

  it("when nobody called, then no ratio is invented", () => {
    expect(serviceFigures(from, until, NO_COUNTS, NO_ACTIVITY)).toMatchObject({
      serviceLevel: null,
      abandonRate: null,
      avgSpeedOfAnswerSeconds: null,
      avgHandleSeconds: null,
      occupancy: null,
      estimate: { measured: 0, withinRange: 0, avgErrorMinutes: null },
    });
  });

  it("when only short abandons came, then the abandon rate has nothing to divide by", () => {
    expect(serviceFigures(from, until, { ...NO_COUNTS, offered: 2, shortAbandoned: 2 }, NO_ACTIVITY).abandonRate).toBe(
      null,
    );
  });
});

describe("quarter-hours", () => {
  it("when counts of two quarter-hours are added, then rows' times are left out", () => {
    const rows: (QueueCounts & { at: Date })[] = [
      { ...NO_COUNTS, at: from, offered: 2, answered: 1 },
      { ...NO_COUNTS, at: until, offered: 3, answered: 3 },
    ];
    const total = sum<QueueCounts>(rows, NO_COUNTS);
    expect(total).toEqual({ ...NO_COUNTS, offered: 5, answered: 4 });
  });

  it("when the day runs to 09:40, then the last quarter-hour is cut at 09:40", () => {
    const q = intervals(new Date("2021-01-25T09:00:00Z"), new Date("2021-01-25T09:40:00Z"));
    expect(q.map((p) => [p.from.toISOString().slice(11, 16), p.until.toISOString().slice(11, 16)])).toEqual([
      ["09:00", "09:15"],
      ["09:15", "09:30"],
      ["09:30", "09:40"],
    ]);
    expect(quarterHourOf(new Date("2021-01-25T09:44:59Z")).toISOString()).toBe("2021-01-25T09:30:00.000Z");
  });
});
