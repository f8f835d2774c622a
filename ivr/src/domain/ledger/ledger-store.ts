// What the ledger needs from its database. The Prisma adapter implements it; the domain
// never sees SQL, Prisma or a driver.
import type { District, PostcodeArea, Region } from "../geo/geography.ts";
import type { SupplyPlan } from "./supply-plan.ts";

export type Channel = "phone" | "agent" | "web";

export interface FreePair {
  centreId: number;
  firstSlotId: number;
  secondSlotId: number;
  firstStartsAt: Date;
  secondStartsAt: Date;
}

export interface HeldPair extends FreePair {
  holdId: string;
  expiresAt: Date;
}

export interface PersonInput {
  /** Written name; for a phone booking the name may only exist as a recording. */
  name: string | null;
  nameRecordingUrl: string | null;
  birthDate: string; // YYYY-MM-DD
  phone: string | null;
  postcode: string;
}

export interface BookPairCommand {
  firstSlotId: number | null;
  holdId: string | null;
  person: PersonInput;
  nameKey: string;
  channel: Channel;
  agentId: string | null;
  idempotencyKey: string | null;
  code: string;
  keypadCode: string;
  now: Date;
}

/** Moves booking `bookingId` to another pair (from a hold or a free first-dose slot). */
export interface RebookCommand {
  firstSlotId: number | null;
  holdId: string | null;
  channel: Channel;
  agentId: string | null;
  idempotencyKey: string | null;
  now: Date;
}

export interface BookingRecord {
  id: number;
  code: string;
  keypadCode: string;
  status: "active" | "cancelled";
  channel: Channel;
  agentId: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
  centreId: number;
  firstSlotId: number;
  secondSlotId: number;
  firstStartsAt: Date;
  secondStartsAt: Date;
  person: PersonInput & { id: number };
}

export interface ReleaseRecord {
  releaseId: number;
  pairs: number;
}

export interface LedgerStore {
  loadGeography(): Promise<{ regions: Region[]; districts: District[]; postcodes: PostcodeArea[] }>;
  vaccineInterval(vaccineId: string): Promise<number | null>;

  /** Earliest free pairs of one centre starting at or after `from`, in time order. */
  freePairs(centreId: number, from: Date, limit: number): Promise<FreePair[]>;
  /** The earliest free pair of each listed centre that has one. */
  earliestPairPerCentre(centreIds: number[], from: Date): Promise<FreePair[]>;
  /** Free pairs per centre (capacity minus booked minus held) starting at or after `from`. */
  freePairCounts(from: Date): Promise<Map<number, number>>;

  holdPair(firstSlotId: number, holdId: string, owner: string, expiresAt: Date, notBefore: Date): Promise<HeldPair>;
  /**
   * Holds a pair for `scope` in one step: the scope's previous hold is released first; an
   * owner with `ownerLimit` live holds already gets hold_limit. A failed hold changes nothing.
   */
  holdPairInScope(
    firstSlotId: number,
    hold: { holdId: string; owner: string; scope: string; ownerLimit: number },
    expiresAt: Date,
    notBefore: Date,
    now: Date,
  ): Promise<HeldPair>;
  /**
   * Finds and holds the earliest free pair of a centre starting at or after `notBefore`, in
   * one step (first releasing `replaceHoldId`); null only when the centre has no free pair.
   */
  holdEarliest(
    centreId: number,
    holdId: string,
    owner: string,
    expiresAt: Date,
    notBefore: Date,
    replaceHoldId: string | null,
  ): Promise<HeldPair | null>;
  extendHold(holdId: string, owner: string, expiresAt: Date, now: Date): Promise<boolean>;
  releaseHolds(filter: { holdId?: string; owner?: string; expiredBefore?: Date }): Promise<number>;
  /** Releases the hold only if one of `owners` holds it, in one statement; the places given back (0: none). */
  releaseHoldOf(holdId: string, owners: string[]): Promise<number>;
  /** Who holds the pair (a CallSid, "agent:anna", "callback:17"); null when the hold is gone. */
  holdOwner(holdId: string): Promise<string | null>;

  /** Throws DomainError slot_taken / hold_expired / already_booked. Retries are the caller's. */
  bookPair(command: BookPairCommand): Promise<{ bookingId: number; code: string; replayed: boolean }>;
  cancelBooking(bookingId: number, channel: Channel, agentId: string | null, now: Date): Promise<boolean>;
  /**
   * Moves an active booking to another pair atomically: same booking, same code; the old pair's
   * places go back and a "rebooked" event names it. Throws booking_not_active / slot_taken /
   * hold_expired and leaves the booking on its old pair.
   */
  rebook(bookingId: number, command: RebookCommand): Promise<{ bookingId: number; code: string; replayed: boolean }>;
  findBooking(by: { code: string } | { keypadCode: string } | { id: number }): Promise<BookingRecord | null>;
  /** Active bookings of the people with this birth date (YYYY-MM-DD) and postcode. */
  findActiveBookings(person: { birthDate: string; postcode: string }): Promise<BookingRecord[]>;
  /** Bookings of the persons with this birth date and postcode, newest first. */
  bookingsOfPersonsBorn(birthDate: string, postcode: string, limit: number): Promise<BookingRecord[]>;

  refreshStatistics(): Promise<void>;

  insertRelease(input: {
    regionId: string;
    vaccineId: string;
    weekStart: string;
    intervalDays: number;
    plan: SupplyPlan;
    releasedBy: string;
  }): Promise<ReleaseRecord>;
}

/** Thrown by a store when a generated booking code collides with an existing one. */
export class CodeCollision extends Error {
  constructor() {
    super("booking code collision");
  }
}
