import { describe, expect, it } from "vitest";
import { sayDate, sayDay, sayTime, spokenClock, spokenDay } from "./spoken-time.ts";

// Sunday 6 December 2020, 08:00 and 08:30 in Berlin.
const EIGHT = "2020-12-06T07:00:00Z";
const HALF_PAST = "2020-12-06T07:30:00Z";

describe("times and dates as a caller hears them", () => {
  it("when German, then 'um 8 Uhr' and 'um 8:30 Uhr', not '08:00'", () => {
    expect(sayTime(EIGHT, "de")).toBe("8");
    expect(sayTime(HALF_PAST, "de")).toBe("8:30");
    expect(sayTime("2020-12-06T13:00:00Z", "de")).toBe("14");
  });

  it("when German, then 'am Sonntag, dem 6. Dezember'; the date alone without the weekday", () => {
    expect(sayDay(EIGHT, "de")).toBe("Sonntag, dem 6. Dezember");
    expect(sayDate("2020-12-27T07:00:00Z", "de")).toBe("27. Dezember");
  });

  it("when another language, then its own form, and the written forms (SMS) stay as they were", () => {
    expect(sayTime(HALF_PAST, "en")).toBe("08:30");
    expect(sayDay(EIGHT, "en")).toBe(spokenDay(EIGHT, "en"));
    expect(spokenDay(EIGHT, "de")).toBe("Sonntag, 6. Dezember");
    expect(spokenClock(EIGHT)).toBe("08:00");
  });
});
