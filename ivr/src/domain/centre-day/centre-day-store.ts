// What the centre's day needs from the database. Every read and write names the centre: a
// centre account's requests are filtered by its own centre id in the SQL itself.
export const ATTENDANCE = ["attended", "no-show"] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export type Dose = 1 | 2;
/** What a person needs at the centre, as registered on the waiting list (invitation bookings). */
export const NEEDS = ["wheelchair", "companion", "interpreter"] as const;
export type Need = (typeof NEEDS)[number];

export interface DayEntry {
  bookingId: number;
  /** The booking code, unformatted (12 characters). */
  code: string;
  dose: Dose;
  startsAt: Date;
  name: string | null;
  /** ISO date (YYYY-MM-DD). */
  birthDate: string;
  /**
   * From the waiting-list entry whose invitation became this booking; empty for bookings made
   * on the phone or at the desk (the ledger does not ask for needs).
   */
  needs: Need[];
  attendance: Attendance | null;
}

export interface DayCounts {
  centreId: number;
  booked: number;
  attended: number;
  noShows: number;
  open: number;
}

export interface DayFigures {
  firstDosesGiven: number;
  secondDosesGiven: number;
  noShows: number;
  /** Left-over doses given to people from the waiting list (standby offers of the day). */
  standbyDosesUsed: number;
  dosesWasted: number;
}

export interface AttendanceMark {
  centreId: number;
  bookingId: number;
  dose: Dose;
  /** null takes the mark back (undo). */
  attendance: Attendance | null;
  by: string;
  at: Date;
}

export interface CentreDayStore {
  /** The active bookings' appointments at the centre between `from` and `to`, by time. */
  entries(centreId: number, from: Date, to: Date): Promise<DayEntry[]>;
  /**
   * Marks (or unmarks) one dose, in one statement with its audit entry and, for a first dose,
   * the rebooking call a no-show earns (taken back with the no-show). False when the booking
   * has no active appointment of that dose at this centre.
   */
  mark(mark: AttendanceMark): Promise<boolean>;
  /** Counts per centre with appointments in the range (every centre, or the one given). */
  counts(from: Date, to: Date, centreId?: number): Promise<DayCounts[]>;
  figures(centreId: number, day: string, from: Date, to: Date): Promise<DayFigures>;
  setWasted(centreId: number, day: string, doses: number, by: string, at: Date): Promise<void>;
  /** Bookings waiting for their rebooking call (a missed first dose). */
  pendingRebookCalls(): Promise<number[]>;
}
