// Appointment times as a caller hears them: "am Montag, dem 1. Februar, um 10:30 Uhr" (no year:
// the appointments are weeks away, and the year only slows the sentence down).
import type { Language } from "../i18n.ts";
import { TIME_ZONE } from "../domain/time/berlin.ts";

const LOCALES: Record<Language, string> = {
  de: "de-DE",
  en: "en-GB",
  tr: "tr-TR",
  ru: "ru-RU",
  pl: "pl-PL",
  ar: "ar-EG",
};
const dayFormats = new Map<Language, Intl.DateTimeFormat>();
const timeFormat = new Intl.DateTimeFormat("de-DE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });

function dayFormat(language: Language): Intl.DateTimeFormat {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: TIME_ZONE,
      weekday: "long",
      day: "numeric",
      month: "long",
    });
    dayFormats.set(language, format);
  }
  return format;
}

/** "Montag, 1. Februar", as written (the SMS). */
export function spokenDay(at: Date | string, language: Language): string {
  return dayFormat(language).format(new Date(at));
}

/** "10:30" as written (24-hour clock in every language; the locale adds "Uhr" or "at"). */
export function spokenClock(at: Date | string): string {
  return timeFormat.format(new Date(at));
}

/** A day as said after "am": "Sonntag, dem 6. Dezember" in German, as written in the other languages. */
export function sayDay(at: Date | string, language: Language): string {
  const day = spokenDay(at, language);
  return language === "de" ? day.replace(/^(\p{L}+), /u, "$1, dem ") : day;
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A date without its weekday, "16. Februar": for a second appointment on the first one's weekday. */
export function sayDate(at: Date | string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { timeZone: TIME_ZONE, day: "numeric", month: "long" });
    dateFormats.set(language, format);
  }
  return format.format(new Date(at));
}

/** A time as said before "Uhr": "8", "8:30" in German (not "08:00"); "08:30" in the other languages. */
export function sayTime(at: Date | string, language: Language): string {
  const clock = spokenClock(at);
  return language === "de" ? spokenHour(clock) : clock;
}

/** "8" for "08:00", "8:30" for "08:30": how a German says an hour ("um 8 Uhr"), not "08:00". */
export function spokenHour(hhmm: string): string {
  const [h, m] = hhmm.split(":") as [string, string];
  return m === "00" ? String(Number(h)) : `${Number(h)}:${m}`;
}

const birthFormats = new Map<Language, Intl.DateTimeFormat>();

/** "3. März 1938" for a YYYY-MM-DD birth date (formatters are cached: building one costs ~0.1 ms). */
export function spokenBirthDate(isoDate: string, language: Language): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  let format = birthFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    birthFormats.set(language, format);
  }
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}
