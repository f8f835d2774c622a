// Times, days and shares as the wallboard shows them: German style, Berlin time.
import { numberText, TIME_ZONE } from "../../app/format.ts";

const locale = (language: string) => (language === "en" ? "en-GB" : "de-DE");

/** "17:05" or, with seconds, "17:05:12" (Berlin time). */
export function clockText(at: string | number | Date, language: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale(language), {
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZone: TIME_ZONE,
  }).format(new Date(at));
}

/** The Berlin calendar day of an instant: "2021-01-25". */
export function berlinDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: TIME_ZONE,
  }).format(at);
}

/** "2021-01-25" + n days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Monday of the coming week in Berlin (today when today is a Monday). */
export function nextMonday(at: Date): string {
  const today = berlinDay(at);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, (8 - weekday) % 7);
}

/** 0.0123 → "1,2 %" (German) or "1.2%" (English); with `digits` 0, "1 %". */
export function percentText(fraction: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: digits }).format(fraction);
}

/** Minutes with one decimal at most: 9.53 → "9,5". */
export function minutesNumber(minutes: number, language: string): string {
  return numberText(minutes, language, 1);
}
