import { describe, expect, it } from "vitest";
import { STEP_NAMES } from "../../contracts/menu-steps.ts";
import { ALL_STEPS, STEPS } from "./index.ts";

describe("step registry", () => {
  it("when the list names a step, then the registry has it, under its own name", () => {
    for (const step of STEP_NAMES) expect(STEPS[step]?.name, step).toBe(step);
  });

  it("when a step is registered, then the list names it, once", () => {
    expect(Object.keys(STEPS).sort()).toEqual([...STEP_NAMES].sort());
    expect(new Set(STEP_NAMES).size).toBe(STEP_NAMES.length);
    expect(ALL_STEPS.map((step) => step.name)).toEqual([...STEP_NAMES]);
  });
});
