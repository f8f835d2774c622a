// The person form's text fields → the contract's personInput, or a message key per field.
import { personInput } from "@contracts/console-api.ts";
import { germanDateToIso } from "../../app/format.ts";
import type { PersonInput } from "./booking-api.ts";

export interface PersonFields {
  name: string;
  birthDate: string; // DD.MM.YYYY as typed
  phone: string;
  postcode: string;
}

export const PERSON_FIELDS = ["name", "birthDate", "phone", "postcode"] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

const MESSAGE_KEYS: Record<PersonField, string> = {
  name: "booking.nameInvalid",
  birthDate: "booking.birthDateInvalid",
  phone: "booking.phoneInvalid",
  postcode: "booking.postcodeInvalid",
};

export function toPersonInput(
  fields: PersonFields,
): { person: PersonInput } | { errors: Partial<Record<PersonField, string>> } {
  const errors: Partial<Record<PersonField, string>> = {};
  const birthDate = germanDateToIso(fields.birthDate);
  if (!birthDate) errors.birthDate = MESSAGE_KEYS.birthDate;
  const phone = fields.phone.trim();
  const parsed = personInput.safeParse({
    name: fields.name,
    birthDate: birthDate ?? "",
    phone: phone || null,
    postcode: fields.postcode.trim(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as PersonField;
      if (field in MESSAGE_KEYS) errors[field] ??= MESSAGE_KEYS[field];
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { person: parsed.data };
}
