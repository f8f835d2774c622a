import { describe, expect, it } from "vitest";
import {
  addDays,
  berlinDate,
  berlinLocalToUtc,
  berlinOffsetMinutes,
  berlinParts,
  berlinPartsFromIntl,
} from "./berlin.ts";

describe("Europe/Berlin wall-clock time", () => {
  it("when it is winter, then Berlin is UTC+1", () => {
    expect(berlinLocalToUtc(2021, 1, 25, 8, 0).toISOString()).toBe("2021-01-25T07:00:00.000Z");
    expect(berlinOffsetMinutes(new Date("2021-01-25T07:00:00Z"))).toBe(60);
  });

  it("when it is summer, then Berlin is UTC+2", () => {
    expect(berlinLocalToUtc(2021, 6, 1, 10, 30).toISOString()).toBe("2021-06-01T08:30:00.000Z");
  });

  it("when the clocks go forward on 28 March 2021, then times after 03:00 use the summer offset", () => {
    expect(berlinLocalToUtc(2021, 3, 28, 1, 30).toISOString()).toBe("2021-03-28T00:30:00.000Z");
    expect(berlinLocalToUtc(2021, 3, 28, 3, 30).toISOString()).toBe("2021-03-28T01:30:00.000Z");
  });

  it("when an instant is late evening UTC, then the Berlin date is already the next day", () => {
    expect(berlinDate(new Date("2021-01-31T23:30:00Z"))).toBe("2021-02-01");
    expect(berlinParts(new Date("2021-02-01T09:30:00Z"))).toMatchObject({ hour: 10, minute: 30, weekday: 1 });
  });

  it("when adding days across a month end, then the calendar rolls over", () => {
    expect(addDays("2021-01-25", 21)).toBe("2021-02-15");
    expect(addDays("2021-02-28", 1)).toBe("2021-03-01");
  });

  it("when parts come from the per-hour offset, then they equal Intl's at every quarter hour around both 2021 and 2027 clock changes", () => {
    const windows = ["2021-03-27T20:00:00Z", "2021-10-30T20:00:00Z", "2027-03-27T20:00:00Z", "2027-10-30T20:00:00Z"];
    let compared = 0;
    for (const start of windows) {
      for (let t = Date.parse(start); t < Date.parse(start) + 12 * 3_600_000; t += 7 * 60_000 + 13_000) {
        expect(berlinParts(new Date(t)), new Date(t).toISOString()).toEqual(berlinPartsFromIntl(new Date(t)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    // Late in the year: the parts roll over to the new year at Berlin's midnight.
    expect(berlinParts(new Date("2026-12-31T23:30:00Z"))).toMatchObject({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      weekday: 5,
    });
  });
});
