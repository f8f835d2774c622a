import { describe, expect, it } from "vitest";
import {
  berlinLocalToIso,
  dateText,
  dateTimeText,
  durationParts,
  germanDateTimeToIso,
  germanDateToIso,
  isoToGermanDate,
  minutesSeconds,
  spellCode,
} from "./format.ts";

describe("format", () => {
  it("when the browser is not in Berlin, then appointments still show Berlin wall-clock time", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).not.toBe("Europe/Berlin");
    expect(dateTimeText("2021-01-26T09:00:00Z", "de")).toBe("Di., 26.01.2021, 10:00");
    expect(dateTimeText("2021-06-01T08:30:00Z", "de")).toBe("Di., 01.06.2021, 10:30");
  });

  it("when a birth date is a calendar date, then it is shown as is, without a time-zone shift", () => {
    expect(dateText("1938-03-03", "de")).toBe("03.03.1938");
    expect(isoToGermanDate("1938-03-03")).toBe("03.03.1938");
  });

  it("when a German date is typed, then only real dates convert", () => {
    expect(germanDateToIso("03.03.1938")).toBe("1938-03-03");
    expect(germanDateToIso("3.3.1938")).toBe("1938-03-03");
    expect(germanDateToIso("03031938")).toBe("1938-03-03");
    expect(germanDateToIso("31.02.1938")).toBeNull();
    expect(germanDateToIso("1938-03-03")).toBeNull();
  });

  it("when waits are formatted, then minutes and seconds split", () => {
    expect(minutesSeconds(754)).toBe("12:34");
    expect(minutesSeconds(4)).toBe("00:04");
    expect(durationParts(200)).toEqual({ minutes: 3, seconds: 20 });
  });

  it("when a callback time is picked, then it is read as Berlin time with the right offset", () => {
    expect(berlinLocalToIso("2021-01-27T14:30")).toBe("2021-01-27T14:30:00+01:00");
    expect(berlinLocalToIso("2021-06-01T09:00")).toBe("2021-06-01T09:00:00+02:00");
    expect(berlinLocalToIso("")).toBeNull();
  });

  it("when a date and time are typed the German way, then they are read as Berlin time", () => {
    expect(germanDateTimeToIso("28.01.2021 14:30")).toBe("2021-01-28T14:30:00+01:00");
    expect(germanDateTimeToIso("1.6.2021, 9:05 Uhr")).toBe("2021-06-01T09:05:00+02:00");
    expect(germanDateTimeToIso("28.01.2021")).toBeNull();
    expect(germanDateTimeToIso("31.02.2021 10:00")).toBeNull();
    expect(germanDateTimeToIso("28.01.2021 24:00")).toBeNull();
    expect(germanDateTimeToIso("2021-01-28T14:30")).toBeNull();
  });

  it("when a code is spelled for screen readers, then each character stands alone", () => {
    expect(spellCode("7KQM-P2XD-9HTA")).toBe("7 K Q M, P 2 X D, 9 H T A");
  });
});
