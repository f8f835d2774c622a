// The time window a caller is told for their callback, from the queue in front of them:
// "heute zwischen 14 und 16 Uhr", or "morgen Vormittag". Always inside calling hours.
import { addDays, berlinDate, berlinLocalToUtc, berlinParts, minutesOfDay } from "../time/berlin.ts";
import type { CallingHours } from "./retry-policy.ts";
import { withinHours } from "./retry-policy.ts";

export type CallbackWindow =
  | { kind: "today"; fromHour: number; toHour: number; from: Date; to: Date }
  | { kind: "tomorrow" | "later"; part: "morning" | "afternoon" | "evening"; date: string; from: Date; to: Date };

/**
 * @param ahead requests that will be called before this one
 * @param perHour callbacks the centre completes per hour (agents × 60 / handle minutes × share)
 */
export function callbackWindow(ahead: number, perHour: number, now: Date, hours: CallingHours): CallbackWindow {
  const hoursNeeded = perHour > 0 ? ahead / perHour : 48;
  const open = minutesOfDay(hours.opensAt);
  const close = minutesOfDay(hours.closesAt);
  // Walk forward through calling hours only.
  let at = withinHours(now, hours);
  let remaining = hoursNeeded;
  for (let guard = 0; guard < 30 && remaining > 0; guard++) {
    const p = berlinParts(at);
    const leftToday = (close - (p.hour * 60 + p.minute)) / 60;
    if (remaining < leftToday) {
      at = new Date(at.getTime() + remaining * 3_600_000);
      remaining = 0;
    } else {
      remaining -= leftToday;
      at = withinHours(new Date(at.getTime() + leftToday * 3_600_000 + 60_000), hours);
    }
  }
  const today = berlinDate(now);
  const day = berlinDate(at);
  const p = berlinParts(at);
  if (day === today) {
    const fromHour = p.hour;
    const toHour = Math.min(fromHour + 2, Math.ceil(close / 60));
    return { kind: "today", fromHour, toHour, from: local(day, fromHour), to: local(day, toHour) };
  }
  const part = p.hour < 12 ? "morning" : p.hour < 17 ? "afternoon" : "evening";
  const [fromH, toH] =
    part === "morning" ? [Math.floor(open / 60), 12] : part === "afternoon" ? [12, 17] : [17, Math.ceil(close / 60)];
  return {
    kind: day === addDays(today, 1) ? "tomorrow" : "later",
    part,
    date: day,
    from: local(day, fromH),
    to: local(day, toH),
  };
}

function local(day: string, hour: number): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return berlinLocalToUtc(y, m, d, hour, 0);
}
