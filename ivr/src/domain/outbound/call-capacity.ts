// How many automated calls fit before a deadline: the account's calls-per-second budget over
// the calling hours left (Europe/Berlin), of which invitations get a share (callbacks come first,
// reminders and standby calls need room too), divided by the attempts a call takes on average.
// At 1 call/s a 10-hour calling day is 36,000 calls; a run whose invitations would need more
// sends the rest by letter at once (and SMS where the person agreed), rather than letting
// deadlines run out in the queue.
import { addDays, berlinDate, berlinLocalToUtc, minutesOfDay } from "../time/berlin.ts";
import type { CallingHours } from "./calling-hours.ts";

export interface CapacityAssumptions {
  /** Share of the budget invitations may plan with. */
  invitationShare: number;
  /** Attempts per invitation on average (some need a second or third try). */
  attemptsPerCall: number;
}

export const DEFAULT_CAPACITY: CapacityAssumptions = { invitationShare: 0.5, attemptsPerCall: 1.5 };

/** Seconds of calling hours between `from` and `until`. */
export function callingSeconds(from: Date, until: Date, hours: CallingHours): number {
  let total = 0;
  const open = minutesOfDay(hours.opensAt);
  const close = minutesOfDay(hours.closesAt);
  for (let day = berlinDate(from), i = 0; i < 400; day = addDays(day, 1), i++) {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    const start = berlinLocalToUtc(y, m, d, Math.floor(open / 60), open % 60);
    if (start >= until) break;
    const end = berlinLocalToUtc(y, m, d, Math.floor(close / 60), close % 60);
    const a = Math.max(start.getTime(), from.getTime());
    const b = Math.min(end.getTime(), until.getTime());
    if (b > a) total += (b - a) / 1000;
  }
  return total;
}

/** Invitation calls that can be placed before `until`, given what is queued already. */
export function invitationCallCapacity(
  from: Date,
  until: Date,
  callsPerSecond: number,
  hours: CallingHours,
  queuedAlready: number,
  assumptions: CapacityAssumptions = DEFAULT_CAPACITY,
): number {
  const calls =
    (callingSeconds(from, until, hours) * callsPerSecond * assumptions.invitationShare) / assumptions.attemptsPerCall;
  // A hair above the floor: 0.1 calls/s × 104,400 s is 10,440.000000000002 in binary floating point.
  return Math.max(0, Math.floor(calls + 1e-6) - queuedAlready);
}
