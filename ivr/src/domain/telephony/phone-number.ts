// Telephone numbers as people write them ("05241 1234567", "+49 151 2345678", "0049…") and as
// Twilio reports them (E.164, "+4952411234567"). A number typed by an agent and the caller ID
// of a call are the same number when their E.164 forms are equal.

/** E.164 ("+4952411234567") from any common German or international spelling; null if implausible. */
export function phoneToE164(raw: string): string | null {
  const written = raw.trim();
  const digits = written.replace(/\D/g, "");
  if (written.startsWith("+")) return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[1-9]\d{5,13}$/.test(digits)) return `+49${digits.slice(1)}`;
  return null;
}

export function samePhoneNumber(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const e164 = phoneToE164(a);
  return e164 !== null && e164 === phoneToE164(b);
}

/**
 * German mobile numbers (015x, 016x, 017x) can receive an SMS; landlines, which most people
 * over 80 call from, cannot.
 */
export function isGermanMobile(number: string | null): number is string {
  const e164 = number === null ? null : phoneToE164(number);
  return e164 !== null && /^\+491[567]\d{7,10}$/.test(e164);
}

/** "…4 5 6 7": the last digits of a number, to say where an SMS went without saying the number. */
export function lastDigits(number: string, count = 4): string {
  return number.replace(/\D/g, "").slice(-count).split("").join(" ");
}
