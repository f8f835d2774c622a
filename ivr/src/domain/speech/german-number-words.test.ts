import { describe, expect, it } from "vitest";
import {
  parseCardinalWord,
  readNumberItems,
  readNumberTokens,
  segmentNumberWord,
  type NumberPiece,
} from "./german-number-words.ts";
import { BASE_FILLERS, tokenizeGerman } from "./german-text.ts";

describe("segmentNumberWord", () => {
  it("splits compounds into morphemes", () => {
    expect(segmentNumberWord("dreiunddreisig")?.map((m) => m.kind)).toEqual(["unit", "und", "tens"]);
    expect(segmentNumberWord("neunzehnhundert")?.map((m) => m.kind)).toEqual(["teen", "hundert"]);
    expect(segmentNumberWord("doppelnull")?.map((m) => m.kind)).toEqual(["repeat", "zero"]);
  });

  it.each([[""], ["hallo"], ["dreix"], ["dritten"]])("%j is no number word", (word) => {
    expect(segmentNumberWord(word)).toBeNull();
  });

  it("gives up quickly on long near-misses", () => {
    const started = Date.now();
    expect(segmentNumberWord(`${"einundein".repeat(40)}x`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("parseCardinalWord", () => {
  it.each([
    ["null", 0],
    ["eins", 1],
    ["zwo", 2],
    ["dreizehn", 13],
    ["einundzwanzig", 21],
    ["neunundneunzig", 99],
    ["hundert", 100],
    ["einhundert", 100],
    ["hunderteins", 101],
    ["hundertundeins", 101],
    ["dreihundertdreisig", 330],
    ["neunzehnhundertachtunddreisig", 1938],
    ["tausend", 1000],
    ["zweitausendfunf", 2005],
    ["zehntausend", 10000],
  ])("%j → %i", (word, value) => {
    expect(parseCardinalWord(word)).toBe(value);
  });

  it.each([["dreidrei"], ["nullnull"], ["und"], ["doppeldrei"], ["hallo"]])("%j → null", (word) => {
    expect(parseCardinalWord(word)).toBeNull();
  });
});

describe("readNumberTokens", () => {
  const digits = (text: string) =>
    readNumberTokens(tokenizeGerman(text), BASE_FILLERS)?.map((item) => item.digits) ?? null;

  it.each([
    // digit words never follow each other inside one number, so these stay apart
    ["drei drei", ["3", "3"]],
    ["zwanzig drei", ["20", "3"]],
    ["drei zwanzig", ["3", "20"]],
    // spaces a transcriber put inside one number do not split it
    ["drei und dreißig", ["33"]],
    ["dreihundert dreißig", ["330"]],
    ["neunzehnhundert achtunddreißig", ["1938"]],
    // greedy: the second "drei" takes the "hundert"
    ["drei drei hundert", ["3", "300"]],
    ["drei und vier", ["3", "4"]],
    ["03 1938", ["03", "1938"]],
    ["doppel null", ["00"]],
    ["dreifach neun", ["999"]],
    ["doppel 7", ["77"]],
  ])("%j → %j", (text, expected) => {
    expect(digits(text)).toEqual(expected);
  });

  it.each([["doppel"], ["doppel doppel drei"], ["drei katze"]])("%j → null", (text) => {
    expect(digits(text)).toBeNull();
  });

  it("reads values as well as digits", () => {
    const pieces: NumberPiece[] = [{ kind: "numeral", digits: "007" }];
    expect(readNumberItems(pieces)).toEqual([{ digits: "007", value: 7 }]);
  });
});
