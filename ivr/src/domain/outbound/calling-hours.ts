// Calling hours for automated calls to the elderly (default 09:00–19:00 Europe/Berlin): no
// recorded voice rings an 85-year-old at breakfast or after the evening news. Agent-bound calls
// follow the hotline's own opening hours instead.
import { withinHours } from "../callbacks/retry-policy.ts";
import { isOpen } from "../time/opening-hours.ts";

export interface CallingHours {
  opensAt: string;
  closesAt: string;
}

export const DEFAULT_CALLING_HOURS: CallingHours = { opensAt: "09:00", closesAt: "19:00" };

/** "09:00-19:00" as configured (OUTBOUND_CALLING_HOURS); null when it is not two times in order. */
export function parseCallingHours(text: string): CallingHours | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  const opensAt = `${match[1]}:${match[2]}`;
  const closesAt = `${match[3]}:${match[4]}`;
  return opensAt < closesAt ? { opensAt, closesAt } : null;
}

export function inCallingHours(now: Date, hours: CallingHours): boolean {
  return isOpen(now, hours.opensAt, hours.closesAt);
}

/** The same moment if it is inside calling hours, else the next time they begin. */
export function nextCallingTime(at: Date, hours: CallingHours): Date {
  return withinHours(at, hours);
}
