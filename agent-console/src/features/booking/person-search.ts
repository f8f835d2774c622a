// The person search's text fields → the contract's bookingSearchRequest, or a message key per field.
import { bookingSearchRequest, type BookingSearchRequest } from "@contracts/console-api.ts";
import { germanDateToIso } from "../../app/format.ts";

export interface SearchFields {
  name: string;
  birthDate: string; // DD.MM.YYYY as typed
  postcode: string;
}
export type SearchField = keyof SearchFields;

const MESSAGE_KEYS: Record<SearchField, string> = {
  name: "booking.nameInvalid",
  birthDate: "booking.birthDateInvalid",
  postcode: "booking.postcodeInvalid",
};

export function toSearchRequest(
  fields: SearchFields,
): { request: BookingSearchRequest } | { errors: Partial<Record<SearchField, string>> } {
  const errors: Partial<Record<SearchField, string>> = {};
  const birthDate = germanDateToIso(fields.birthDate);
  if (!birthDate) errors.birthDate = MESSAGE_KEYS.birthDate;
  const parsed = bookingSearchRequest.safeParse({
    name: fields.name,
    birthDate: birthDate ?? "",
    postcode: fields.postcode.trim(),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SearchField;
      if (field in MESSAGE_KEYS) errors[field] ??= MESSAGE_KEYS[field];
    }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { request: parsed.data };
}
