import { describe, expect, it } from "vitest";
import { nextAttemptAt, withinHours } from "./retry-policy.ts";

const policy = { maxAttempts: 3, delaysMinutes: [120, 1440] };
const hours = { opensAt: "08:00", closesAt: "22:00" };

describe("retrying a callback nobody answered", () => {
  it("when the first attempt fails at 10:00, then the next is two hours later", () => {
    expect(nextAttemptAt(1, new Date("2021-01-25T10:00:00+01:00"), policy, hours)?.toISOString()).toBe(
      "2021-01-25T11:00:00.000Z",
    );
  });

  it("when the second fails, then the delay grows to a day", () => {
    expect(nextAttemptAt(2, new Date("2021-01-25T12:00:00+01:00"), policy, hours)?.toISOString()).toBe(
      "2021-01-26T11:00:00.000Z",
    );
  });

  it("when a retry would fall at night, then it moves to the next opening", () => {
    expect(nextAttemptAt(1, new Date("2021-01-25T21:00:00+01:00"), policy, hours)?.toISOString()).toBe(
      "2021-01-26T07:00:00.000Z",
    );
    expect(withinHours(new Date("2021-01-26T05:00:00+01:00"), hours).toISOString()).toBe("2021-01-26T07:00:00.000Z");
  });

  it("when all attempts are used, then there is no next attempt", () => {
    expect(nextAttemptAt(3, new Date("2021-01-25T10:00:00+01:00"), policy, hours)).toBeNull();
  });
});
