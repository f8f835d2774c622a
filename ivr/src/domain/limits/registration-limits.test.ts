import { describe, expect, it } from "vitest";
import { MemoryAttemptCounter } from "./memory-attempt-counter.ts";
import { DEFAULT_REGISTRATION_RULES, RegistrationLimits } from "./registration-limits.ts";

const clock = () => {
  let at = Date.parse("2021-01-25T10:00:00+01:00");
  return { now: () => new Date(at), advance: (seconds: number) => (at += seconds * 1000) };
};

describe("waiting-list registrations by phone", () => {
  it("when one caller ID registers a sixth person within a day, then refused until the day's window ends; another number is not", async () => {
    const c = clock();
    const limits = new RegistrationLimits(new MemoryAttemptCounter(), c);
    for (let i = 0; i < DEFAULT_REGISTRATION_RULES.perCaller.limit; i++)
      expect(await limits.callerRegistration("+4952411234567")).toBeNull();
    c.advance(3600);
    expect(await limits.callerRegistration("+4952411234567")).toEqual({ retryAfterSeconds: 23 * 3600 });
    expect(await limits.callerRegistration("+4952419999999")).toBeNull();
    c.advance(23 * 3600);
    expect(await limits.callerRegistration("+4952411234567")).toBeNull();
  });

  it("when numbers are withheld, then all of them share one window", async () => {
    const c = clock();
    const limits = new RegistrationLimits(new MemoryAttemptCounter(), c);
    for (let i = 0; i < DEFAULT_REGISTRATION_RULES.withheldCallers.limit; i++)
      expect(await limits.callerRegistration(i % 2 ? null : "+266696687")).toBeNull();
    expect(await limits.callerRegistration(null)).toEqual({ retryAfterSeconds: 3600 });
    expect(await limits.callerRegistration("+4952411234567")).toBeNull();
  });
});
