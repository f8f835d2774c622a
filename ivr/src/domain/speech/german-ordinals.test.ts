import { describe, expect, it } from "vitest";
import { parseMonthName, parseOrdinalWord } from "./german-ordinals.ts";
import { foldGerman } from "./german-text.ts";

describe("parseOrdinalWord", () => {
  it.each([
    ["erste", 1],
    ["erster", 1],
    ["ersten", 1],
    ["erstes", 1],
    ["zweite", 2],
    ["zwote", 2],
    ["dritte", 3],
    ["dritten", 3],
    ["vierte", 4],
    ["fünfte", 5],
    ["fuenften", 5],
    ["sechste", 6],
    ["siebte", 7],
    ["siebente", 7],
    ["achte", 8],
    ["achten", 8],
    ["neunte", 9],
    ["zehnte", 10],
    ["elfte", 11],
    ["zwölfte", 12],
    ["dreizehnte", 13],
    ["sechzehnte", 16],
    ["siebzehnte", 17],
    ["neunzehnte", 19],
    ["zwanzigste", 20],
    ["einundzwanzigsten", 21],
    ["dreißigste", 30],
    ["dreissigster", 30],
    ["einunddreißigste", 31],
  ])("%j → %i", (word, value) => {
    expect(parseOrdinalWord(foldGerman(word))).toBe(value);
  });

  it.each([["drei"], ["acht"], ["dritt"], ["bitte"], ["zwanzigte"], ["dreistel"], ["e"], [""]])("%j → null", (word) => {
    expect(parseOrdinalWord(foldGerman(word))).toBeNull();
  });
});

describe("parseMonthName", () => {
  it.each([
    ["Januar", 1],
    ["Jänner", 1],
    ["Feber", 2],
    ["März", 3],
    ["Juno", 6],
    ["Julei", 7],
    ["Okt", 10],
  ])("%j → %i", (word, month) => {
    expect(parseMonthName(foldGerman(word))).toBe(month);
  });

  it("rejects other words", () => {
    expect(parseMonthName("montag")).toBeNull();
  });
});
