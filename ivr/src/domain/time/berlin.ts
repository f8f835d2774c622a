// All appointment times are wall-clock times in Europe/Berlin. Node's Intl knows the zone's
// rules, so no timezone library is needed: we read the offset for an instant and correct.

export const TIME_ZONE = "Europe/Berlin";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
});

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export interface BerlinParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export function berlinParts(at: Date): BerlinParts {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return partsFromIntl(at);
  const local = new Date(ms + offsetMsAt(ms));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

const HOUR_MS = 3_600_000;
/** UTC hour (ms / 1 h) → Berlin's offset in ms during that hour. */
const offsetByUtcHour = new Map<number, number>();

/**
 * Berlin's offset from UTC at an instant, in ms. It only changes on a whole UTC hour (since
 * 1893; now at 01:00 UTC), so it is read from Intl once per UTC hour: formatToParts costs
 * several microseconds, and every webhook asks for the time a few times.
 */
function offsetMsAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offsetMs = offsetByUtcHour.get(hour);
  if (offsetMs === undefined) {
    const p = partsFromIntl(new Date(ms));
    offsetMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
    if (offsetByUtcHour.size >= 10_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offsetMs);
  }
  return offsetMs;
}

function partsFromIntl(at: Date): BerlinParts {
  const parts = partsFormat.formatToParts(at);
  const text = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const value = (type: string) => Number(text(type));
  return {
    year: value("year"),
    month: value("month"),
    day: value("day"),
    hour: value("hour"),
    minute: value("minute"),
    second: value("second"),
    weekday: WEEKDAYS.indexOf(text("weekday")),
  };
}

/** The same parts straight from Intl, uncached: for tests that check the cache against it. */
export const berlinPartsFromIntl = partsFromIntl;

/** Minutes Berlin is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(at: Date): number {
  return Math.round(offsetMsAt(at.getTime()) / 60_000);
}

/** The instant of a Berlin wall-clock time. */
export function berlinLocalToUtc(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - berlinOffsetMinutes(new Date(guess)) * 60_000;
  // Near a DST switch the first guess used the wrong side's offset; one correction settles it.
  return new Date(guess - berlinOffsetMinutes(new Date(first)) * 60_000);
}

/** "2021-01-25" for the Berlin calendar day of an instant. */
export function berlinDate(at: Date): string {
  const p = berlinParts(at);
  return isoDate(p.year, p.month, p.day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Calendar arithmetic on "YYYY-MM-DD" strings (no time zone involved). */
export function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Minutes since midnight for "HH:MM". */
export function minutesOfDay(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`not a HH:MM time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
