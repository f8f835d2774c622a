// Dates, times and durations as an agent reads them aloud: German style, always Berlin time,
// whatever the browser's own time zone is.
export const TIME_ZONE = "Europe/Berlin";

const locale = (language: string) => (language === "en" ? "en-GB" : "de-DE");

/** "Di., 26.01.2021, 10:00" (the caller adds "Uhr" through i18n). */
export function dateTimeText(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    weekday: "short",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** A calendar date ("1938-03-03" or an ISO instant) as "03.03.1938". */
export function dateText(value: string, language: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = plain ? new Date(Date.UTC(+plain[1]!, +plain[2]! - 1, +plain[3]!, 12)) : new Date(value);
  return new Intl.DateTimeFormat(locale(language), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: plain ? "UTC" : TIME_ZONE,
  }).format(date);
}

export function numberText(value: number, language: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits }).format(value);
}

/** Seconds as "mm:ss" (minutes may exceed 59). */
export function minutesSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Splits a duration for "3 Min. 20 Sek." style texts. */
export function durationParts(totalSeconds: number): { minutes: number; seconds: number } {
  const s = Math.max(0, Math.round(totalSeconds));
  return { minutes: Math.floor(s / 60), seconds: s % 60 };
}

/** Whole hours and the minutes left over, for "23 Std. 59 Min." (seconds dropped, never rounded up). */
export function hoursMinutes(totalSeconds: number): { hours: number; minutes: number } {
  const s = Math.max(0, Math.floor(totalSeconds));
  return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) };
}

/** "03.03.1938", "3.3.1938" or "03031938" → "1938-03-03"; null unless a real date. */
export function germanDateToIso(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim()) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "1938-03-03" → "03.03.1938" (for prefilling the form). */
export function isoToGermanDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : "";
}

/** Minutes east of UTC that Berlin's clock shows at this instant (60 or 120). */
function berlinOffsetMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** A datetime-local value ("2021-01-26T14:30"), read as Berlin time → "2021-01-26T14:30:00+01:00". */
export function berlinLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  let offset = berlinOffsetMinutes(wall - 60 * 60_000);
  offset = berlinOffsetMinutes(wall - offset * 60_000);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * "28.01.2021 14:30" (the console's one way of writing a date, with a time) read as Berlin
 * time → "2021-01-28T14:30:00+01:00"; null when it is no such date and time.
 */
export function germanDateTimeToIso(text: string): string | null {
  const m = /^([\d.]+)[\s,]+(\d{1,2})[:.](\d{2})(?:\s*Uhr)?$/.exec(text.trim());
  if (!m) return null;
  const date = germanDateToIso(m[1]!);
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (!date || hour > 23 || minute > 59) return null;
  return berlinLocalToIso(`${date}T${String(hour).padStart(2, "0")}:${m[3]}`);
}

/** "7KQM-P2XD-9HTA" → "7 K Q M, P 2 X D, 9 H T A", for screen readers. */
export function spellCode(codeFormatted: string): string {
  return codeFormatted
    .split("-")
    .map((group) => group.split("").join(" "))
    .join(", ");
}
