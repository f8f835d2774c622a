import { describe, expect, it } from "vitest";
import { isGermanMobile, lastDigits, phoneToE164, samePhoneNumber } from "./phone-number.ts";

describe("telephone numbers", () => {
  it.each([
    ["+4952411234567", "+4952411234567"],
    ["+49 5241 1234567", "+4952411234567"],
    ["05241 1234567", "+4952411234567"],
    ["05241/123 45 67", "+4952411234567"],
    ["0049 5241 1234567", "+4952411234567"],
    ["0151-23456789", "+4915123456789"],
    ["0043 1 234567", "+431234567"],
    ["1234567", null],
    ["", null],
    ["+0 123", null],
  ])("when %j is written, then its E.164 form is %j", (raw, e164) => {
    expect(phoneToE164(raw)).toBe(e164);
  });

  it("when the caller ID and a number an agent typed are the same line, then they match", () => {
    expect(samePhoneNumber("+4952411234567", "05241 1234567")).toBe(true);
    expect(samePhoneNumber("+4952411234567", "05241 1234568")).toBe(false);
    expect(samePhoneNumber(null, "05241 1234567")).toBe(false);
    expect(samePhoneNumber("anonymous", "anonymous")).toBe(false);
  });

  it("when a number is a German mobile, then it can get an SMS, a landline cannot", () => {
    expect(isGermanMobile("+4915112345678")).toBe(true);
    expect(isGermanMobile("0171 2345678")).toBe(true);
    expect(isGermanMobile("+4952411234567")).toBe(false);
    expect(isGermanMobile(null)).toBe(false);
  });

  it("when a number is hinted at, then only its last four digits are said", () => {
    expect(lastDigits("+4915112345678")).toBe("5 6 7 8");
  });
});
