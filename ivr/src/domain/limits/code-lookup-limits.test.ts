import { describe, expect, it } from "vitest";
import { CodeLookupLimits, isWithheld, type CodeLookupRules } from "./code-lookup-limits.ts";
import { MemoryAttemptCounter } from "./memory-attempt-counter.ts";

const RULES: CodeLookupRules = {
  perAgent: { name: "code-agent", limit: 3, seconds: 600 },
  agentsTogether: { name: "code-agents", limit: 5, seconds: 600 },
  perCaller: { name: "code-caller", limit: 2, seconds: 3600 },
  withheldCallers: { name: "code-withheld", limit: 4, seconds: 3600 },
};

const clock = () => {
  let at = Date.parse("2021-01-25T10:00:00+01:00");
  return { now: () => new Date(at), advance: (seconds: number) => (at += seconds * 1000) };
};

describe("booking-code lookup limits", () => {
  it("when an agent looks up more codes than allowed, then refused until the window ends; all agents together have a limit too", async () => {
    const c = clock();
    const limits = new CodeLookupLimits(new MemoryAttemptCounter(), c, RULES);
    for (let i = 0; i < 3; i++) expect(await limits.agentLookup("anna")).toBeNull();
    c.advance(100);
    // Anna's refused lookups are not counted: they use up no one else's share.
    for (let i = 0; i < 10; i++) expect(await limits.agentLookup("anna")).toEqual({ retryAfterSeconds: 500 });
    expect(await limits.agentLookup("ben")).toBeNull();
    expect(await limits.agentLookup("carla")).toBeNull();
    expect(await limits.agentLookup("dora")).toEqual({ retryAfterSeconds: 500 });
    c.advance(500);
    expect(await limits.agentLookup("anna")).toBeNull();
  });

  it("when one caller ID enters more codes than allowed, then refused; another caller is not", async () => {
    const c = clock();
    const limits = new CodeLookupLimits(new MemoryAttemptCounter(), c, RULES);
    expect(await limits.callerLookup("+4952411234567")).toBeNull();
    expect(await limits.callerLookup("+4952411234567")).toBeNull();
    expect(await limits.callerLookup("+4952411234567")).toEqual({ retryAfterSeconds: 3600 });
    expect(await limits.callerLookup("+4952419999999")).toBeNull();
  });

  it("when numbers are withheld, then all such callers share one window, however the withholding is spelled", async () => {
    const limits = new CodeLookupLimits(new MemoryAttemptCounter(), clock(), RULES);
    for (const from of [null, "+266696687", "+7378742833", "anonymous"])
      expect(await limits.callerLookup(from)).toBeNull();
    expect(await limits.callerLookup(undefined)).toEqual({ retryAfterSeconds: 3600 });
    expect(await limits.callerLookup("+4952411234567")).toBeNull();
    expect([isWithheld("+8656696"), isWithheld("+86282452253"), isWithheld("+4915112345678")]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
