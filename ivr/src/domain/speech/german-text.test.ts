import { describe, expect, it } from "vitest";
import { BASE_FILLERS, fillerSet, foldGerman, tokenizeGerman } from "./german-text.ts";

describe("foldGerman", () => {
  it.each([
    ["Fünf", "funf"],
    ["fuenf", "funf"],
    ["funf", "funf"],
    ["Dreißig", "dreisig"],
    ["dreissig", "dreisig"],
    ["DREISSIG", "dreisig"],
    ["März", "marz"],
    ["Maerz", "marz"],
    ["Jänner", "janner"],
    ["zwölf", "zwolf"],
    ["Ähm", "ahm"],
    ["fu\u0308nf", "funf"], // decomposed ü
  ])("%j → %j", (text, folded) => {
    expect(foldGerman(text)).toBe(folded);
  });
});

describe("tokenizeGerman", () => {
  it.each([
    [
      "Drei, drei.",
      [
        { kind: "word", word: "drei" },
        { kind: "word", word: "drei" },
      ],
    ],
    [
      "33.330",
      [
        { kind: "numeral", digits: "33" },
        { kind: "numeral", digits: "330" },
      ],
    ],
    [
      "3. März",
      [
        { kind: "numeral", digits: "3" },
        { kind: "word", word: "marz" },
      ],
    ],
    ["3ter", [{ kind: "numeral", digits: "3" }]],
    [
      "drei-drei",
      [
        { kind: "word", word: "drei" },
        { kind: "word", word: "drei" },
      ],
    ],
    ["*", [{ kind: "word", word: "stern" }]],
    ["#", [{ kind: "word", word: "raute" }]],
    ["a1", [{ kind: "word", word: "a1" }]],
    ["", []],
  ])("%j", (text, tokens) => {
    expect(tokenizeGerman(text)).toEqual(tokens);
  });
});

describe("fillers", () => {
  it("lists the brief's filler words in folded form", () => {
    for (const word of ["ähm", "äh", "also", "meine", "Postleitzahl", "ist", "die", "lautet", "bitte"]) {
      expect(BASE_FILLERS.has(foldGerman(word))).toBe(true);
    }
  });

  it("extends the base set without changing it", () => {
    const extended = fillerSet("geboren");
    expect(extended.has("geboren")).toBe(true);
    expect(extended.has("also")).toBe(true);
    expect(BASE_FILLERS.has("geboren")).toBe(false);
  });
});
