import { describe, expect, it } from "vitest";
import { formatBookingCode } from "../ledger/booking-code.ts";
import { movedLetter } from "./moved-letter.ts";

const input = {
  recipient: { name: "Erika Schäfer", street: "Kirchstraße 4", postcode: "33330", city: "Gütersloh" },
  centre: { name: "Impfzentrum Gütersloh", street: "Am Stadtpark 1", postcode: "33330", city: "Gütersloh" },
  code: "ABCDEFGHJK2M",
  firstStartsAt: new Date("2021-02-15T09:30:00+01:00"),
  secondStartsAt: new Date("2021-03-08T09:30:00+01:00"),
  printedAt: new Date("2021-01-26T10:00:00+01:00"),
  hotline: { name: "Impf-Hotline NRW", phone: "0800 116 117 2", opens: "08:00", closes: "20:00" },
};

describe("the letter for a moved appointment", () => {
  it("when a supply drop moved the pair, then it says so, gives the new dates and the same code", () => {
    const letter = movedLetter(input);
    expect(letter.subject).toBe("Ihr Impftermin wurde verschoben");
    expect(letter.paragraphs.join(" ")).toContain("Ihr Buchungscode bleibt derselbe");
    expect(letter.highlights).toContainEqual(["1. Impfung", "Montag, 15. Februar 2021, 09:30 Uhr"]);
    expect(letter.highlights).toContainEqual(["2. Impfung", "Montag, 8. März 2021, 09:30 Uhr"]);
    expect(letter.highlights).toContainEqual(["Buchungscode", formatBookingCode(input.code)]);
    expect(letter.closing[0]).toContain("0800 116 117 2");
    // The warning against fake callers stays.
    expect(letter.closing.join(" ")).toContain("fragt nie nach Geld");
  });
});
