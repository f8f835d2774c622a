import { describe, expect, it } from "vitest";
import { callingSeconds, invitationCallCapacity } from "./call-capacity.ts";

const HOURS = { opensAt: "09:00", closesAt: "19:00" };

describe("call capacity", () => {
  it("when a day is counted from midnight to midnight, then it has ten calling hours: 36,000 calls at 1 call/s", () => {
    const seconds = callingSeconds(new Date("2021-01-25T00:00:00+01:00"), new Date("2021-01-26T00:00:00+01:00"), HOURS);
    expect(seconds).toBe(36_000);
  });

  it("when a run at 10:00 has a 72-hour deadline less an hour, then three calling days less one hour count", () => {
    const from = new Date("2021-01-25T10:00:00+01:00");
    const until = new Date("2021-01-28T09:00:00+01:00");
    expect(callingSeconds(from, until, HOURS)).toBe((9 + 10 + 10) * 3600);
  });

  it("when 100,000 pairs are released at 1 call/s, then about 34,800 invitations can be called and the rest go by letter", () => {
    const from = new Date("2021-01-25T10:00:00+01:00");
    const until = new Date("2021-01-28T09:00:00+01:00");
    // 29 calling hours × 3600 s × 1/s × half the budget ÷ 1.5 attempts.
    expect(invitationCallCapacity(from, until, 1, HOURS, 0)).toBe(34_800);
    expect(invitationCallCapacity(from, until, 1, HOURS, 34_000)).toBe(800);
    expect(invitationCallCapacity(from, until, 1, HOURS, 50_000)).toBe(0);
  });
});
