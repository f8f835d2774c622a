import { describe, expect, it } from "vitest";
import { parseDate, parseDigitString, parseMenuChoice, parsePostcode, parseYear } from "./german-numbers.ts";

// Mid-June, midday: the same calendar day in every time zone the tests might run in.
const NOW = new Date(2026, 5, 15, 12);

describe("parseDigitString", () => {
  it.each([
    // the same postcode, said or rendered four ways
    ["drei drei drei drei null", "33330"],
    ["dreiunddreißig dreihundertdreißig", "33330"],
    ["33 330", "33330"],
    ["3 3 3 3 0", "33330"],
    ["33330", "33330"],
    ["33.330", "33330"],
    // single digits
    ["null", "0"],
    ["eins", "1"],
    ["ein", "1"],
    ["eine", "1"],
    ["zwei", "2"],
    ["zwo", "2"],
    ["drei", "3"],
    ["vier", "4"],
    ["fünf", "5"],
    ["sechs", "6"],
    ["sieben", "7"],
    ["acht", "8"],
    ["neun", "9"],
    // teens, tens, hundreds, compounds
    ["zehn", "10"],
    ["elf", "11"],
    ["zwölf", "12"],
    ["dreizehn", "13"],
    ["sechzehn", "16"],
    ["siebzehn", "17"],
    ["neunzehn", "19"],
    ["zwanzig", "20"],
    ["dreißig", "30"],
    ["vierzig", "40"],
    ["fünfzig", "50"],
    ["sechzig", "60"],
    ["siebzig", "70"],
    ["achtzig", "80"],
    ["neunzig", "90"],
    ["hundert", "100"],
    ["dreihundertdreißig", "330"],
    ["fünfundvierzig", "45"],
    ["achtundvierzig", "48"],
    // spelling variants and case
    ["fuenf", "5"],
    ["funf", "5"],
    ["dreissig", "30"],
    ["zwoelf", "12"],
    ["fuenfundvierzig", "45"],
    ["DREI Drei drei", "333"],
    ["Dreiunddreißig", "33"],
    // punctuation and fillers
    ["Drei, drei, drei, drei, null.", "33330"],
    ["Ähm, also meine Postleitzahl ist drei drei drei drei null.", "33330"],
    ["äh die Postleitzahl lautet 33330 bitte", "33330"],
    // doubling
    ["doppel drei", "33"],
    ["doppelte null eins", "001"],
    ["eins doppel sieben", "177"],
  ])("%j → %s", (text, expected) => {
    expect(parseDigitString(text)).toBe(expected);
  });

  it.each([
    [""],
    ["   "],
    ["."],
    ["hallo wer ist da"],
    ["ähm also"],
    ["drei hallo drei"],
    ["doppel"],
    ["drei doppel"],
    ["ich weiß es nicht"],
  ])("%j → null", (text) => {
    expect(parseDigitString(text)).toBeNull();
  });
});

describe("parsePostcode", () => {
  it.each([
    ["drei drei drei drei null", "33330"],
    ["dreiunddreißig dreihundertdreißig", "33330"],
    ["33 330", "33330"],
    ["Meine Postleitzahl ist 10115.", "10115"],
    ["null eins doppel sechs sieben", "01667"],
  ])("%j → %s", (text, expected) => {
    expect(parsePostcode(text)).toBe(expected);
  });

  it.each([[""], ["drei drei"], ["333300"], ["3333"], ["hallo wer ist da"]])("%j → null", (text) => {
    expect(parsePostcode(text)).toBeNull();
  });
});

describe("parseYear", () => {
  it.each([
    ["1938", 1938],
    ["neunzehnhundertachtunddreißig", 1938],
    ["neunzehnhundert achtunddreißig", 1938],
    ["achtunddreißig", 1938],
    ["38", 1938],
    ["1 9 3 8", 1938],
    ["neunzehn achtunddreißig", 1938],
    ["Ich bin im Jahr 1944 geboren.", 1944],
  ])("%j → %i", (text, expected) => {
    expect(parseYear(text, NOW)).toBe(expected);
  });

  it.each([[""], ["hallo wer ist da"], ["2030"], ["zweitausenddreißig"], ["1899"], ["acht"], ["19381"]])(
    "%j → null",
    (text) => {
      expect(parseYear(text, NOW)).toBeNull();
    },
  );
});

describe("parseDate", () => {
  const march3 = { year: 1938, month: 3, day: 3 };
  it.each([
    ["03031938", march3],
    ["3.3.1938", march3],
    ["dritter März achtunddreißig", march3],
    ["3. März 1938", march3],
    ["am dritten dritten neunzehnhundertachtunddreißig", march3],
    ["erster Januar 1940", { year: 1940, month: 1, day: 1 }],
    ["3.3.38", march3],
  ])("%j", (text, expected) => {
    expect(parseDate(text, NOW)).toEqual(expected);
  });

  it.each([
    ["erste", 1],
    ["ersten", 1],
    ["erster", 1],
    ["zweite", 2],
    ["dritte", 3],
    ["vierte", 4],
    ["fünfte", 5],
    ["sechste", 6],
    ["siebte", 7],
    ["achte", 8],
    ["neunte", 9],
    ["zehnte", 10],
    ["elfte", 11],
    ["zwölfte", 12],
    ["neunzehnte", 19],
    ["zwanzigste", 20],
    ["einundzwanzigste", 21],
    ["dreißigste", 30],
    ["einunddreißigste", 31],
  ])("ordinal %j Januar 1940 → day %i", (ordinal, day) => {
    expect(parseDate(`${ordinal} Januar 1940`, NOW)).toEqual({ year: 1940, month: 1, day });
  });

  it.each([
    ["Januar", 1],
    ["Jänner", 1],
    ["Februar", 2],
    ["Feber", 2],
    ["März", 3],
    ["Maerz", 3],
    ["April", 4],
    ["Mai", 5],
    ["Juni", 6],
    ["Juli", 7],
    ["August", 8],
    ["September", 9],
    ["Oktober", 10],
    ["November", 11],
    ["Dezember", 12],
  ])("month name %j → %i", (name, month) => {
    expect(parseDate(`erster ${name} 1940`, NOW)).toEqual({ year: 1940, month, day: 1 });
  });

  it.each([
    [""],
    ["hallo wer ist da"],
    ["31. Februar 1938"],
    ["einunddreißigster Februar 1938"],
    ["31.02.1938"],
    ["März 1938"],
    ["dritter März"],
    ["3.3.2030"],
    ["1.1.1899"],
    ["30.6.2026"],
  ])("%j → null", (text) => {
    expect(parseDate(text, NOW)).toBeNull();
  });
});

describe("parseMenuChoice", () => {
  const menu = ["0", "1", "2", "3", "*", "#"] as const;
  it.each([
    ["eins", "1"],
    ["die eins", "1"],
    ["zwei", "2"],
    ["zwo", "2"],
    ["drei", "3"],
    ["1", "1"],
    ["null", "0"],
    ["stern", "*"],
    ["sternchen", "*"],
    ["raute", "#"],
    ["Die Eins, bitte.", "1"],
  ])("%j → %s", (text, expected) => {
    expect(parseMenuChoice(text, menu)).toBe(expected);
  });

  it.each([
    ["ja", ["1", "2"], "1"],
    ["nein", ["1", "2"], "2"],
    ["ja", ["0", "3"], null],
    ["nein", ["0", "1"], null],
  ] as const)("%j with allowed %j → %s", (text, allowed, expected) => {
    expect(parseMenuChoice(text, allowed)).toBe(expected);
  });

  it.each([[""], ["hallo wer ist da"], ["vier"], ["neun neun"]])("%j → null", (text) => {
    expect(parseMenuChoice(text, menu)).toBeNull();
  });
});
