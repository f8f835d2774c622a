import { describe, expect, it } from "vitest";
import { parseMenuChoice } from "./german-menu-choice.ts";

const MENU = ["0", "1", "2", "3", "*", "#"] as const;

describe("parseMenuChoice edge cases", () => {
  it.each([
    ["*", "*"],
    ["#", "#"],
    ["Rautetaste", "#"],
    ["die erste", "1"],
    ["die zweite Option", "2"],
    ["ich drücke die drei", "3"],
    ["Taste null", "0"],
    ["ja, die eins", "1"], // both point at 1
    ["genau", "1"],
    ["stimmt nicht", "2"],
    ["nein, nicht", "2"],
  ])("%j → %s", (text, expected) => {
    expect(parseMenuChoice(text, MENU)).toBe(expected);
  });

  it.each([
    ["ja nein"], // contradictory
    ["nein, die eins"], // contradictory
    ["stern eins"],
    ["die eins oder die zwei"],
    ["ich möchte einen Termin"],
  ])("%j → null", (text) => {
    expect(parseMenuChoice(text, MENU)).toBeNull();
  });

  it("returns multi-digit choices when allowed", () => {
    expect(parseMenuChoice("zehn", ["10", "11"])).toBe("10");
    expect(parseMenuChoice("eins null", ["10", "11"])).toBe("10");
  });

  it("can switch off yes/no for menus where 1 and 2 mean something else", () => {
    expect(parseMenuChoice("ja", ["1", "2"], { yesNo: false })).toBeNull();
    expect(parseMenuChoice("nein", ["1", "2"], { yesNo: false })).toBeNull();
    expect(parseMenuChoice("ja, die zwei", ["1", "2"], { yesNo: false })).toBe("2");
    expect(parseMenuChoice("nein, die zwei", ["1", "2"], { yesNo: false })).toBeNull();
  });
});
