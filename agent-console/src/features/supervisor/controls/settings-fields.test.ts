import { describe, expect, it } from "vitest";
import { settingsAnswer } from "../test/fixtures.ts";
import { changesBetween, fieldsOfIssues, parse, valuesOf } from "./settings-fields.ts";

describe("settings form values", () => {
  const baseline = valuesOf(settingsAnswer().settings);

  it("when only spacing differs, then nothing counts as changed", () => {
    const changes = changesBetween(baseline, { ...baseline, retryDelaysMinutes: "10,60 ,240", capacity: " 1000 " });
    expect(changes).toEqual({ update: {}, changed: [], invalid: {} });
  });

  it("when hours change, then the update holds just the hotline fields that changed", () => {
    expect(changesBetween(baseline, { ...baseline, closesAt: "21.30" }).update).toEqual({
      hotline: { closesAt: "21:30" },
    });
    expect(changesBetween(baseline, { ...baseline, opensAt: "7:00" }).update).toEqual({
      hotline: { opensAt: "07:00" },
    });
  });

  it("when the hotline would open after it closes, then both times are marked (the server sees only one of them)", () => {
    expect(changesBetween(baseline, { ...baseline, opensAt: "20:00" }).invalid).toEqual({
      opensAt: "supervisor.settings.hoursOrder",
      closesAt: "supervisor.settings.hoursOrder",
    });
  });

  it("when a text is not a value, then it is invalid (ranges are left to the server)", () => {
    expect(parse("int", "12.5")).toBeNull();
    expect(parse("int", "-1")).toBeNull();
    expect(parse("time", "8 Uhr")).toBeNull();
    expect(parse("list", "")).toBeNull();
    expect(parse("list", "5; 30 120")).toEqual([5, 30, 120]);
    expect(changesBetween(baseline, { ...baseline, maxAttempts: "drei" }).invalid).toEqual({
      maxAttempts: "supervisor.settings.intInvalid",
    });
  });

  it("when the server names issues, then the fields behind them are found", () => {
    expect(fieldsOfIssues(["hotline"])).toEqual(["opensAt", "closesAt"]);
    expect(fieldsOfIssues(["callbacks.retryDelaysMinutes.2", "queue.capacity"])).toEqual([
      "capacity",
      "retryDelaysMinutes",
    ]);
    expect(fieldsOfIssues(undefined)).toEqual([]);
  });
});
