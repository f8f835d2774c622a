// When to try a callback again after nobody answered: later each time, never outside the
// calling hours, and after the last attempt a final SMS (mobile) or a letter instead.
import { addDays, berlinDate, berlinLocalToUtc, berlinParts, minutesOfDay } from "../time/berlin.ts";

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt 2, 3, …; the last value repeats. */
  delaysMinutes: number[];
}

export interface CallingHours {
  opensAt: string;
  closesAt: string;
}

/** The next attempt after `attempts` failed ones, or null when the request is given up. */
export function nextAttemptAt(attempts: number, now: Date, policy: RetryPolicy, hours: CallingHours): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = policy.delaysMinutes[Math.min(attempts - 1, policy.delaysMinutes.length - 1)] ?? 60;
  return withinHours(new Date(now.getTime() + delay * 60_000), hours);
}

/** The same moment if it is inside calling hours, else the next opening. */
export function withinHours(at: Date, hours: CallingHours): Date {
  const p = berlinParts(at);
  const minute = p.hour * 60 + p.minute;
  const open = minutesOfDay(hours.opensAt);
  const close = minutesOfDay(hours.closesAt);
  if (minute >= open && minute < close) return at;
  const day = minute < open ? berlinDate(at) : addDays(berlinDate(at), 1);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return berlinLocalToUtc(y, m, d, Math.floor(open / 60), open % 60);
}
