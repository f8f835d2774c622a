import { describe, expect, it } from "vitest";
import { foldForMatching, matchOptionWords } from "./option-words.ts";

const PLACES = { "1": ["Köln"], "2": ["Bergisch Gladbach"] };

describe("matchOptionWords", () => {
  it.each([
    ["Köln", "1"],
    ["koeln bitte", null], // "koeln" is not how a recogniser writes Köln; no guessing
    ["nach Köln", "1"],
    ["Bergisch Gladbach", "2"],
    ["bergisch-gladbach", "2"],
    ["Köln oder Bergisch Gladbach", null],
    ["Bergisch", null],
    ["nein", null],
  ])("when the caller says %j, then the option is %j", (said, key) => {
    expect(matchOptionWords(said, PLACES)).toBe(key);
  });

  it("folds umlauts, ß and punctuation", () => {
    expect(foldForMatching("Straße, Köln!")).toBe("strasse koln");
  });
});
