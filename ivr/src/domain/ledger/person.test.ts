import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors.ts";
import { ageOn, personKey, validatePerson } from "./person.ts";

const person = (over: Partial<Parameters<typeof personKey>[0]> = {}) => ({
  name: "Käthe Müller",
  nameRecordingUrl: null,
  birthDate: "1938-03-03",
  phone: "+4952411234",
  postcode: "33330",
  ...over,
});
const now = new Date("2021-01-25T08:00:00+01:00");

describe("person checks", () => {
  it("when the same name is written differently, then the key is the same", () => {
    expect(personKey(person({ name: "Mueller, Kaethe" }))).toBe(personKey(person()));
    expect(personKey(person({ name: "  käthe   MÜLLER " }))).toBe(personKey(person()));
  });

  it("when only a recording of the name exists, then the phone number identifies the person", () => {
    expect(personKey(person({ name: null, nameRecordingUrl: "https://x/rec.wav" }))).toBe("tel:+4952411234");
  });

  it("when the birthday has not come yet this year, then the age is one less", () => {
    expect(ageOn("1941-01-25", now)).toBe(80);
    expect(ageOn("1941-01-26", now)).toBe(79);
    expect(ageOn("1941-02-30", now)).toBeNull();
  });

  it("when someone is under the minimum age, then not_eligible", () => {
    try {
      validatePerson(person({ birthDate: "1950-05-05" }), now, 80);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e, "not_eligible")).toBe(true);
    }
  });

  it("when postcode or name are missing, then a typed error says which", () => {
    expect(() => validatePerson(person({ postcode: "333" }), now, 80)).toThrow("postcode_invalid");
    expect(() => validatePerson(person({ name: " " }), now, 80)).toThrow("person_invalid");
    expect(() => validatePerson(person(), now, 80)).not.toThrow();
  });
});
