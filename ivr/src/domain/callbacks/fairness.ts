// The order callbacks are served in, stated openly: booking-code holders who still have no
// appointment first, then older people before younger (in age bands), then by release
// window; inside one window at random. Whoever redials fastest gains nothing.
import { randomInt } from "node:crypto";
import { berlinLocalToUtc, berlinParts, minutesOfDay } from "../time/berlin.ts";

export interface PriorityInputs {
  /** Holds a booking code (a letter) but no appointment yet. */
  hasCode: boolean;
  birthYear: number | null;
}

/** 0 (served first) … 7. Code holders: 0–3, everybody else 4–7; within each, 90+ | 85–89 | 80–84 | unknown. */
export function priorityGroup({ hasCode, birthYear }: PriorityInputs, now: Date): number {
  const age = birthYear === null ? null : berlinParts(now).year - birthYear;
  const band = age === null ? 3 : age >= 90 ? 0 : age >= 85 ? 1 : age >= 80 ? 2 : 3;
  return (hasCode ? 0 : 4) + band;
}

/**
 * The start of the release window a request falls into: windows of `minutes` counted from
 * the hotline's opening each day (08:00, 09:00, …). Everyone who called in the first hour
 * after opening is in the same window and is drawn at random.
 */
export function releaseWindow(at: Date, minutes: number, opensAt: string): Date {
  const p = berlinParts(at);
  const open = minutesOfDay(opensAt);
  const sinceOpen = p.hour * 60 + p.minute - open;
  const start = sinceOpen < 0 ? 0 : Math.floor(sinceOpen / minutes) * minutes;
  // Calls before opening (the fallback number, a night-time callback request) join the first window.
  const minute = open + start;
  return berlinLocalToUtc(p.year, p.month, p.day, Math.floor(minute / 60), minute % 60);
}

/** A uniformly random rank in [0, 1) from the system's cryptographic generator. */
export function randomRank(): number {
  return randomInt(0, 2 ** 48 - 1) / 2 ** 48;
}
