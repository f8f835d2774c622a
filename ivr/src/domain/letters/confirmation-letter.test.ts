import { describe, expect, it } from "vitest";
import { confirmationLetter } from "./confirmation-letter.ts";

const input = {
  recipient: { name: "Erika Mustermann", street: "Hauptstraße 5", postcode: "33330", city: "Gütersloh" },
  centre: { name: "Impfzentrum Gütersloh", street: "Marienfelder Straße 351", postcode: "33330", city: "Gütersloh" },
  code: "K7PM3XQA9HTE",
  firstStartsAt: new Date("2021-01-26T09:00:00Z"),
  secondStartsAt: new Date("2021-02-16T09:30:00Z"),
  printedAt: new Date("2021-01-25T15:00:00Z"),
  hotline: { name: "Impf-Hotline", phone: "116 117", opens: "08:00", closes: "22:00" },
};

describe("confirmation letter", () => {
  it("when a landline caller booked, then the letter has both appointments in Berlin time, the place and the code in both forms", () => {
    const letter = confirmationLetter(input);
    expect(letter.recipient).toEqual(["Erika Mustermann", "Hauptstraße 5", "33330 Gütersloh"]);
    expect(Object.fromEntries(letter.highlights)).toEqual({
      "1. Impfung": "Dienstag, 26. Januar 2021, 10:00 Uhr",
      "2. Impfung": "Dienstag, 16. Februar 2021, 10:30 Uhr",
      Ort: "Impfzentrum Gütersloh, Marienfelder Straße 351, 33330 Gütersloh",
      Buchungscode: "K7PM-3XQA-9HTE",
      "am Telefon tippen": expect.stringMatching(/^\d{3} \d{3} \d{3} \d{3}$/),
    });
    expect(Object.fromEntries(letter.facts)).toMatchObject({ Datum: "25.01.2021" });
    expect(letter.closing.join(" ")).toMatch(/116 117, täglich von 8 bis 22 Uhr/);
    expect(letter.closing.join(" ")).toMatch(/nie nach Geld oder Bankdaten/);
  });

  it("when the centre's street is not known, then the letter names the town and promises the address, never a guess", () => {
    const letter = confirmationLetter({ ...input, centre: { ...input.centre, street: null } });
    expect(Object.fromEntries(letter.highlights).Ort).toBe(
      "Impfzentrum Gütersloh in Gütersloh (die genaue Adresse schicken wir Ihnen, sobald sie feststeht)",
    );
  });
});
