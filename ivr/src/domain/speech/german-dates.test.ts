import { describe, expect, it } from "vitest";
import { parseDate } from "./german-dates.ts";

const NOW = new Date(2026, 5, 15, 12);

describe("parseDate edge cases", () => {
  it.each([
    ["29.2.1940", { year: 1940, month: 2, day: 29 }], // leap year
    ["0 3 0 3 1 9 3 8", { year: 1938, month: 3, day: 3 }], // keypad digits said one by one
    ["030338", { year: 1938, month: 3, day: 3 }], // DDMMYY
    ["1 2 0 3 1 9 3 8", { year: 1938, month: 3, day: 12 }], // day-month-year fails, so keypad
    ["drei drei neunzehnhundertachtunddreißig", { year: 1938, month: 3, day: 3 }],
    ["dritter dritter neunzehn achtunddreißig", { year: 1938, month: 3, day: 3 }],
    ["dritter März 1900 38", { year: 1938, month: 3, day: 3 }],
    ["Ich bin am 3. März 1938 geboren.", { year: 1938, month: 3, day: 3 }],
    ["der dreißigste vierte neununddreißig", { year: 1939, month: 4, day: 30 }],
    ["3ter 3ter 38", { year: 1938, month: 3, day: 3 }],
    ["15.6.2026", { year: 2026, month: 6, day: 15 }], // today is not the future
  ])("%j", (text, date) => {
    expect(parseDate(text, NOW)).toEqual(date);
  });

  it.each([
    ["29.2.1941"], // no leap year
    ["31. April 1938"],
    ["dritter dreizehnter 1938"], // no 13th month
    ["3 März April 1938"],
    ["März dritter 1938"],
    ["dritter März dritter 1938"],
    ["3031938"], // seven digits: 3.03. or 30.3.?
    ["16.6.2026"], // tomorrow
    ["dritter März 1938 hallo"],
    ["1938"],
  ])("%j → null", (text) => {
    expect(parseDate(text, NOW)).toBeNull();
  });
});
