// What the waiting list and the invitation runs need from their database. The SQL adapter
// implements it (adapters/db/sql-waitlist-store.ts); the domain never sees SQL.
import type { WaitFigures } from "./wait-estimate.ts";
import type { FreePlace, TimeOfDay } from "./invitation-plan.ts";

export const ENTRY_STATUSES = ["waiting", "invited", "booked", "declined", "withdrawn", "merged"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const RELATIONS = ["self", "child", "spouse", "relative", "carer", "other"] as const;
export type Relation = (typeof RELATIONS)[number];
export type EntrySource = "agent" | "import" | "phone";

export interface NewEntry {
  registrationNumber: string;
  nameKey: string;
  name: string;
  birthDate: string; // YYYY-MM-DD
  postcode: string;
  street: string | null;
  city: string | null;
  phone: string | null;
  source: EntrySource;
  registeredBy: string;
  relation: Relation;
  language: string;
  regionId: string;
  districtId: number;
  preferredCentreId: number | null;
  timeOfDay: TimeOfDay;
  wheelchair: boolean;
  companion: boolean;
  interpreter: boolean;
  homeVisit: boolean;
  consentCalls: boolean;
  consentSms: boolean;
  codeHolder: boolean;
  shortNotice: boolean;
  priorityGroup: number;
  registeredAt: Date;
}

export interface EntryRecord extends NewEntry {
  id: number;
  status: EntryStatus;
  mergedIntoId: number | null;
}

export interface DuplicateRecord {
  id: number;
  entry: EntryRecord;
  other: EntryRecord;
  createdAt: Date;
}

export interface RunRecord {
  id: number;
  regionId: string;
  status: "published" | "finished";
  seed: string;
  seedHash: string;
  listHash: string;
  entries: number;
  sharePercent: number;
  deadlineHours: number;
  freePairs: number;
  budget: number;
  invited: number;
  booked: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface RunEntry {
  entryId: number;
  registrationNumber: string;
  districtId: number;
  preferredCentreId: number | null;
  timeOfDay: TimeOfDay;
  letter: boolean;
}

/**
 * The waiting entries of a region a run may invite, as typed arrays (a million entries in
 * about 22 MB instead of a million objects): index i is one entry. `timeOfDay`: 0 any, 1
 * morning, 2 afternoon; `preferredCentreId` 0 for "nearest"; `letter` 1 when reached only by letter.
 */
export interface RegionEntries {
  numbers: Float64Array;
  ids: Int32Array;
  districtIds: Int32Array;
  preferredCentreIds: Int32Array;
  timeOfDay: Uint8Array;
  letter: Uint8Array;
}

/** "not_waiting": the entry was withdrawn, merged or invited since the run read it. */
export type AssignOutcome = "invited" | "booked" | "already_booked" | "not_waiting";

export interface AssignRow {
  entryId: number;
  position: number;
  firstSlotId: number;
  holdId: string;
  book: boolean;
  code: string;
  keypadCode: string;
}

export interface InvitationRecord {
  id: number;
  runId: number;
  entry: EntryRecord;
  position: number;
  centreId: number;
  firstSlotId: number;
  secondSlotId: number;
  firstStartsAt: Date;
  secondStartsAt: Date;
  holdId: string | null;
  bookingId: number | null;
  status: "invited" | "accepted" | "declined" | "expired" | "booked";
  deadline: Date | null;
}

export interface WaitlistStore {
  /** Inserts the entries that are new; a person already waiting or a taken number is skipped. Returns number → id of those inserted. */
  insertEntries(entries: NewEntry[]): Promise<Map<string, number>>;
  /** The waiting or invited entries of these people (name key, birth date, postcode). */
  activeEntries(people: { nameKey: string; birthDate: string; postcode: string }[]): Promise<EntryRecord[]>;
  /** Active entries with one of these birth dates and postcodes. */
  entriesBornIn(places: { birthDate: string; postcode: string }[]): Promise<EntryRecord[]>;
  /** What a second registration adds: a phone, an address, an opt-in for short notice (never taken back here). */
  fillMissing(
    entryId: number,
    details: { phone: string | null; street: string | null; city: string | null; shortNotice?: boolean },
  ): Promise<void>;
  entryByNumber(registrationNumber: string): Promise<EntryRecord | null>;
  entryById(id: number): Promise<EntryRecord | null>;
  setStatus(entryId: number, status: EntryStatus, from: EntryStatus[], now: Date): Promise<boolean>;

  addDuplicates(pairs: [number, number][]): Promise<number>;
  openDuplicates(limit: number): Promise<DuplicateRecord[]>;
  duplicate(id: number): Promise<DuplicateRecord | null>;
  /** Marks the pair decided; false when it was decided already. */
  decideDuplicate(id: number, status: "merged" | "apart", by: string, now: Date): Promise<boolean>;
  mergeInto(keepId: number, goneId: number, now: Date): Promise<void>;

  /**
   * The frozen list of a region (see lottery.ts): one "group number" line per waiting entry a
   * run would invite (not home visits), sorted, built by the database so that a million entries
   * never sit in memory as rows. The group is priority.ts's rule with the age on `today`: 0 for a
   * code holder without an appointment (marked so at registration, or known to the ledger with
   * a booking, none of them active), then the age bands.
   */
  /** The waiting entries of a region who may be invited today (minAge on `today`, or a code). */
  frozenListOf(
    regionId: string,
    today: string,
    ageBands: number[],
    minAge: number,
  ): Promise<{ text: string; entries: number }>;
  /** The waiting entries with these registration numbers (the next stretch of a run's order). */
  runEntries(registrationNumbers: string[]): Promise<RunEntry[]>;
  /** Every waiting entry of the region a run may invite (not home visits), read in one pass; `expected` sizes the arrays. */
  regionEntries(regionId: string, expected?: number): Promise<RegionEntries>;
  insertRun(
    run: Omit<RunRecord, "id" | "status" | "freePairs" | "budget" | "invited" | "booked" | "finishedAt"> & {
      frozenList: string;
    },
  ): Promise<number>;
  run(id: number): Promise<RunRecord | null>;
  frozenList(runId: number): Promise<string | null>;
  runs(limit: number): Promise<RunRecord[]>;
  /** Registration number → position, for every entry the run assigned a pair. */
  runPositions(runId: number): Promise<Map<string, number>>;
  finishRun(
    id: number,
    figures: { freePairs: number; budget: number; invited: number; booked: number },
    now: Date,
  ): Promise<void>;

  /** Free pairs of these centres whose first dose starts at or after `notBefore`. */
  freePlaces(centreIds: number[], notBefore: Date): Promise<FreePlace[]>;
  /** One batch in one statement (waitlist_assign); what is not returned was not assigned. */
  assign(
    runId: number,
    rows: AssignRow[],
    times: { deadline: Date; notBefore: Date; bookNotBefore: Date; now: Date },
  ): Promise<Map<number, AssignOutcome>>;
  expire(now: Date): Promise<number>;
  openInvitation(id: number): Promise<InvitationRecord | null>;
  invitationsOf(entryId: number): Promise<InvitationRecord[]>;
  closeInvitation(id: number, status: "accepted" | "declined", bookingId: number | null, now: Date): Promise<boolean>;

  /** True while a supervisor has paused the region's invitations (campaign_region.paused). */
  campaignPaused(regionId: string): Promise<boolean>;
  /** How many wait before a new entry of this group, and how many the region invited since `since`. */
  waitFigures(regionId: string, priorityGroup: number, since: Date): Promise<WaitFigures>;
  statusCounts(): Promise<{ regionId: string; priorityGroup: number; status: string; count: number }[]>;
  audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void>;
}
