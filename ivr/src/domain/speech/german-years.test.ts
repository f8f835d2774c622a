import { describe, expect, it } from "vitest";
import { parseYear, yearFromItems } from "./german-years.ts";

const NOW = new Date(2026, 5, 15, 12);

describe("parseYear edge cases", () => {
  it.each([
    ["1900", 1900], // the earliest accepted
    ["2026", 2026], // the current year is not the future
    ["1900 38", 1938], // Twilio's rendering of "neunzehnhundert achtunddreißig"
    ["19 38", 1938],
    ["Jahrgang 38", 1938],
    ["null fünf", 1905], // two digits are always 19xx for this caller group
    ["eins neun vier null", 1940],
    ["zweitausend", 2000],
    ["tausendneunhundertachtunddreißig", 1938],
    ["1.938", 1938], // a thousands separator splits the numeral; the parts are joined again
  ])("%j → %i", (text, year) => {
    expect(parseYear(text, NOW)).toBe(year);
  });

  it.each([["2027"], ["1899"], ["0038"], ["3"], ["1 9 3"], ["1938 1939"], ["im jahr"]])("%j → null", (text) => {
    expect(parseYear(text, NOW)).toBeNull();
  });

  it("judges the future by the given now", () => {
    expect(parseYear("2030", new Date(2031, 0, 1))).toBe(2030);
    expect(yearFromItems([{ digits: "2030", value: 2030 }], NOW)).toBeNull();
  });
});
