// What the standby list needs from the database. The SQL adapter (adapters/db/sql-standby-store.ts)
// implements it on PostgreSQL and PGlite alike.
export type StandbyCallStatus = "called" | "accepted" | "too-late" | "declined" | "unreached";

export interface StandbyOffer {
  id: number;
  centreId: number;
  doses: number;
  used: number;
  usableUntil: Date;
  /** A freed pair (a reminded person cancelled): accepting books exactly this pair. */
  firstSlotId: number | null;
  seed: string;
  status: "open" | "closed";
  createdAt: Date;
  closedAt: Date | null;
}

export interface StandbyCandidate {
  entryId: number;
  registrationNumber: string;
  priorityGroup: number;
  phone: string;
  language: string;
}

export interface StandbyEntry {
  name: string;
  birthDate: string;
  postcode: string;
  phone: string | null;
}

export interface StandbyTally {
  offerId: number;
  called: number;
  accepted: number;
  tooLate: number;
  declined: number;
  unreached: number;
}

export interface StandbyStore {
  create(offer: Omit<StandbyOffer, "id" | "used" | "status" | "closedAt">, by: string): Promise<StandbyOffer>;
  find(id: number): Promise<StandbyOffer | null>;
  open(): Promise<StandbyOffer[]>;
  /** The centre's offers created in [from, to), newest first, with their calls counted. */
  ofCentre(centreId: number, from: Date, to: Date): Promise<(StandbyOffer & { tally: StandbyTally })[]>;
  /** Closes the offer; true only for the call that closed it (the wasted doses are then counted once). */
  close(id: number, at: Date): Promise<boolean>;
  /**
   * Waiting entries who may be called for short notice in these districts (opted in, calls
   * allowed, a phone, able to travel), never called for this offer and not out on another.
   */
  candidates(offerId: number, districtIds: number[], limit: number): Promise<StandbyCandidate[]>;
  /** Records the calls (offer, entry) as "called"; returns the entries this call inserted. */
  recordCalls(offerId: number, entryIds: number[], at: Date): Promise<number[]>;
  /** Entries called for this offer and not answered yet (their calls are withdrawn when it closes). */
  calledEntries(offerId: number): Promise<number[]>;
  /** Calls of this offer still out (called, no answer yet). */
  callsOut(offerId: number): Promise<number>;
  /** All standby calls answered so far, and how many of them said yes (won or too late). */
  answeredAndAccepted(): Promise<{ answered: number; accepted: number }>;
  /**
   * Takes one dose, in one statement: only while the offer is open, in time and has a dose
   * left. Two people accepting the last dose at once: one gets true.
   */
  takeDose(id: number, now: Date): Promise<boolean>;
  /** Gives a taken dose back (the booking behind it failed). */
  returnDose(id: number): Promise<void>;
  /**
   * The next first-dose slot today at the centre (the ledger books only slots still ahead), with
   * one more place in it and in its second-dose partner: the left-over dose is real, and its
   * second dose is planned at the vaccine's interval. Null when the centre has no slot today.
   */
  addPlaceToday(centreId: number, now: Date, dayEnd: Date): Promise<{ firstSlotId: number } | null>;
  removePlace(firstSlotId: number): Promise<void>;
  entry(entryId: number): Promise<StandbyEntry | null>;
  /** The waiting entry's opt-in for short notice; false when there is no such entry. */
  setShortNotice(entryId: number, shortNotice: boolean, at: Date): Promise<boolean>;
  setCall(offerId: number, entryId: number, status: StandbyCallStatus, at: Date, bookingId?: number): Promise<void>;
  /** The entry got its appointment: off the waiting list. */
  entryBooked(entryId: number, at: Date): Promise<void>;
  /** Doses left unused when an offer closed: into the centre's daily report. */
  addWasted(centreId: number, day: string, doses: number, at: Date): Promise<void>;
}
