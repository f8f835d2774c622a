// One identity policy for every automated outbound contact (invitations now; reminders and
// standby calls next). In 2021 the elderly were targets of fake vaccination calls, so:
// - first who is calling and why, with the official hotline number to call back, and that the
//   hotline never asks for money or bank details;
// - nothing personal (name, centre, dates) before the person typed their birth date's day and
//   month (TTMM) and it matched; two wrong or missing answers: no details, the hotline number;
// - an answering machine hears no personal data: the hotline number and the registration number;
// - an SMS goes only to a mobile number the person gave, with their consent, and names time and
//   place, never the birth date.
import { isGermanMobile } from "../telephony/phone-number.ts";

/** Tries at the birth date before the call ends without details. */
export const IDENTITY_TRIES = 2;

/** Day and month typed (TTMM) against the birth date on file (YYYY-MM-DD). */
export function confirmsBirthDate(birthDate: string, typed: { day: number; month: number }): boolean {
  const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(birthDate);
  return match !== null && Number(match[1]) === typed.month && Number(match[2]) === typed.day;
}

/** Four keys, TTMM ("0303" for the 3rd of March); null for anything else. */
export function readDayMonth(digits: string | null): { day: number; month: number } | null {
  const match = /^(\d{2})(\d{2})$/.exec(digits ?? "");
  if (!match) return null;
  const [day, month] = [Number(match[1]), Number(match[2])];
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { day, month } : null;
}

/** The only SMS an invitation sends goes to a mobile number the person gave, with consent. */
export function smsAllowed(contact: {
  phone: string | null;
  consentSms: boolean;
}): contact is { phone: string; consentSms: true } {
  return contact.consentSms && isGermanMobile(contact.phone);
}

/** A registration number as it is spoken: digits in groups of two or three, with pauses. */
export function spokenDigits(digits: string): string {
  const groups = digits.replace(/\D/g, "").match(/.{1,3}/g) ?? [];
  return groups.map((g) => g.split("").join(" ")).join(", ");
}
