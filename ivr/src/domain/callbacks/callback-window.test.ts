import { describe, expect, it } from "vitest";
import { callbackWindow } from "./callback-window.ts";

const hours = { opensAt: "08:00", closesAt: "22:00" };
const at = (iso: string) => new Date(iso);

describe("the callback window a caller is told", () => {
  it("when 40 are ahead and 20 are called per hour at 12:00, then today between 14 and 16", () => {
    expect(callbackWindow(40, 20, at("2021-01-25T12:00:00+01:00"), hours)).toMatchObject({
      kind: "today",
      fromHour: 14,
      toHour: 16,
    });
  });

  it("when the queue reaches past closing, then tomorrow, in the part of the day it lands", () => {
    const w = callbackWindow(100, 20, at("2021-01-25T20:00:00+01:00"), hours);
    expect(w).toMatchObject({ kind: "tomorrow", part: "morning", date: "2021-01-26" });
    expect(w.from.toISOString()).toBe("2021-01-26T07:00:00.000Z");
    expect(w.to.toISOString()).toBe("2021-01-26T11:00:00.000Z");
  });

  it("when someone registers at night, then the window starts after opening", () => {
    expect(callbackWindow(0, 20, at("2021-01-25T23:30:00+01:00"), hours)).toMatchObject({
      kind: "tomorrow",
      part: "morning",
    });
  });

  it("when nobody is ahead during the day, then within the next two hours", () => {
    expect(callbackWindow(0, 20, at("2021-01-25T15:10:00+01:00"), hours)).toMatchObject({
      kind: "today",
      fromHour: 15,
      toHour: 17,
    });
  });

  it("when several days of requests are ahead, then a later day", () => {
    expect(callbackWindow(14 * 20 * 3, 20, at("2021-01-25T09:00:00+01:00"), hours).kind).toBe("later");
  });
});
