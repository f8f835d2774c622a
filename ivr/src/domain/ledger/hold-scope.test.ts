import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors.ts";
import { HOUSEHOLD_MEMBERS, holdScope } from "./hold-scope.ts";

describe("hold scope", () => {
  it("when an agent holds within a call, a callback or neither, then each conversation and member has a scope of its own", () => {
    expect(holdScope("anna", { callSid: "CA1", callbackId: null })).toBe("agent:anna|call:CA1|person:0");
    expect(holdScope("anna", { callSid: "CA1", callbackId: null }, 1)).toBe("agent:anna|call:CA1|person:1");
    expect(holdScope("anna", { callSid: null, callbackId: 17 }, "rebook")).toBe("agent:anna|callback:17|rebook");
    expect(holdScope("ben", { callSid: null, callbackId: null })).toBe("agent:ben|desk|person:0");
  });

  it("when the member is past the household's last, then hold_limit", () => {
    expect(holdScope("anna", { callSid: null, callbackId: null }, HOUSEHOLD_MEMBERS - 1)).toMatch(/person:9$/);
    for (const member of [HOUSEHOLD_MEMBERS, -1, 1.5]) {
      let thrown: unknown;
      try {
        holdScope("anna", { callSid: null, callbackId: null }, member);
      } catch (e) {
        thrown = e;
      }
      expect(isDomainError(thrown, "hold_limit")).toBe(true);
    }
  });
});
