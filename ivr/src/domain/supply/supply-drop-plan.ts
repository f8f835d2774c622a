// Which booked pairs a supply drop cannot serve, and where they go. Pure: the same function
// makes the preview the supervisor sees and the plan that is executed a moment later.
//
// The rule, in order: free places of the week are cut first (after the open invitations'
// holds are given back); only what free places cannot cover moves pairs, latest first-dose
// appointment first. A pair whose first dose was given (or is already due) is never a
// candidate: its second dose stays where it is. A moved pair goes to the same weekday and
// time `shiftDays` later at the same centre; with no room there, to the next slot with room
// later that day; otherwise it stays and is reported unmovable. The pair's second dose is the
// target slot's partner, so the interval between the doses stays the vaccine's own.
import { berlinDate, berlinLocalToUtc, berlinParts } from "../time/berlin.ts";
import type { MoveCandidate, TargetSlot, WeekSlot } from "./supply-drop-store.ts";

export interface PlannedMove {
  bookingId: number;
  fromFirstSlotId: number;
  fromStartsAt: Date;
  /** In order of preference: the one planned first, then later ones that same day. */
  targets: number[];
  toStartsAt: Date;
  /** true: same weekday and time; false: a later slot that same day. */
  sameTime: boolean;
}

export interface DropPlan {
  pairsToCut: number;
  /** Free pairs of the week (after invitation holds are released) that are cut without moving anyone. */
  freePairs: number;
  invitationHolds: number;
  protectedPairs: number;
  movesNeeded: number;
  moves: PlannedMove[];
  unmovable: { bookingId: number; fromStartsAt: Date }[];
  /** Pairs the drop should cut but cannot (nobody left to move): reported, never overbooked. */
  shortfall: number;
}

export interface PlanInput {
  pairsToCut: number;
  shiftDays: number;
  weekSlots: WeekSlot[];
  candidates: MoveCandidate[];
  protectedPairs: number;
  targets: TargetSlot[];
}

/** The first dose's Berlin wall-clock time `days` later (a DST change keeps 09:30 at 09:30). */
export function shiftedTime(at: Date, days: number): Date {
  const p = berlinParts(at);
  return berlinLocalToUtc(p.year, p.month, p.day + days, p.hour, p.minute);
}

function dayEnd(at: Date): Date {
  const p = berlinParts(at);
  return berlinLocalToUtc(p.year, p.month, p.day + 1);
}

export function planDrop(input: PlanInput): DropPlan {
  const invitationHolds = input.weekSlots.reduce((n, s) => n + s.invitationHeld, 0);
  const freePairs = input.weekSlots.reduce((n, s) => n + s.free + s.invitationHeld, 0);
  const movesNeeded = Math.max(0, input.pairsToCut - freePairs);
  const room = new Map(input.targets.map((t) => [t.firstSlotId, t.free]));
  const ordered = [...input.candidates].sort(
    (a, b) => b.firstStartsAt.getTime() - a.firstStartsAt.getTime() || b.bookingId - a.bookingId,
  );
  const moves: PlannedMove[] = [];
  const unmovable: DropPlan["unmovable"] = [];
  for (const c of ordered) {
    if (moves.length >= movesNeeded) break;
    const wanted = shiftedTime(c.firstStartsAt, input.shiftDays);
    const end = dayEnd(wanted);
    const sameDay = input.targets.filter((t) => t.centreId === c.centreId && t.startsAt >= wanted && t.startsAt < end);
    const chosen = sameDay.find((t) => (room.get(t.firstSlotId) ?? 0) > 0);
    if (!chosen) {
      unmovable.push({ bookingId: c.bookingId, fromStartsAt: c.firstStartsAt });
      continue;
    }
    room.set(chosen.firstSlotId, room.get(chosen.firstSlotId)! - 1);
    const later = sameDay.filter((t) => t.startsAt >= chosen.startsAt && t.firstSlotId !== chosen.firstSlotId);
    moves.push({
      bookingId: c.bookingId,
      fromFirstSlotId: c.firstSlotId,
      fromStartsAt: c.firstStartsAt,
      targets: [chosen.firstSlotId, ...later.map((t) => t.firstSlotId)],
      toStartsAt: chosen.startsAt,
      sameTime: chosen.startsAt.getTime() === wanted.getTime(),
    });
  }
  return {
    pairsToCut: input.pairsToCut,
    freePairs,
    invitationHolds,
    protectedPairs: input.protectedPairs,
    movesNeeded,
    moves,
    unmovable,
    shortfall: Math.max(0, movesNeeded - moves.length),
  };
}

/** The preview's summary: how many pairs move from which day to which day (Berlin days). */
export function movesByDay(moves: PlannedMove[]): { from: string; to: string; pairs: number }[] {
  const key = berlinDate;
  const counts = new Map<string, number>();
  for (const m of moves) {
    const k = `${key(m.fromStartsAt)}|${key(m.toStartsAt)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([k, pairs]) => {
      const [from, to] = k.split("|") as [string, string];
      return { from, to, pairs };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
