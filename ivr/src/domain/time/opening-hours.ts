import { berlinParts, minutesOfDay } from "./berlin.ts";

/** True between opensAt (inclusive) and closesAt (exclusive), Europe/Berlin wall clock. */
export function isOpen(now: Date, opensAt: string, closesAt: string): boolean {
  const p = berlinParts(now);
  const minute = p.hour * 60 + p.minute;
  return minute >= minutesOfDay(opensAt) && minute < minutesOfDay(closesAt);
}
