// What a supply drop needs from the database. The SQL adapter implements it; every write that
// touches the ledger goes through the ledger's own functions (rebook, give back places) or a
// conditional update, so the capacity check (booked + held <= capacity) holds after each one.

/** A future first-dose slot of the dropped week, with its pair's free places. */
export interface WeekSlot {
  firstSlotId: number;
  centreId: number;
  startsAt: Date;
  capacity: number;
  /** min(free places of the first-dose slot, of its second-dose partner). */
  free: number;
  /** Places held by open waiting-list invitations (released first by the drop). */
  invitationHeld: number;
}

/** A booked pair of the dropped week that may be moved: first dose ahead and not given. */
export interface MoveCandidate {
  bookingId: number;
  firstSlotId: number;
  centreId: number;
  firstStartsAt: Date;
}

export interface TargetSlot {
  firstSlotId: number;
  centreId: number;
  startsAt: Date;
  free: number;
}

export interface DropWeek {
  regionId: string;
  vaccineId: string;
  /** [weekStart, weekEnd) as ISO days: the releases whose week starts in it. */
  weekStart: string;
  weekEnd: string;
}

export interface DropRecord extends DropWeek {
  id: number;
  dosesLost: number;
  pairsLost: number;
  shiftDays: number;
  status: "planned" | "executing" | "executed";
  plan: unknown;
  result: unknown;
  pairsCut: number;
  createdBy: string;
  createdAt: Date;
  executedBy: string | null;
  executedAt: Date | null;
}

export interface SupplyDropStore {
  vaccineInterval(vaccineId: string): Promise<number | null>;
  /** Doses delivered for the week (the releases' sum). */
  deliveredDoses(week: DropWeek): Promise<number>;
  /** The week's first-dose slots starting after `now`, latest first. */
  weekSlots(week: DropWeek, now: Date): Promise<WeekSlot[]>;
  /**
   * Active bookings of the week's first-dose slots whose first dose starts after `now` and is
   * not marked attended; `protectedPairs` counts the others (given or already due).
   */
  weekBookings(week: DropWeek, now: Date): Promise<{ candidates: MoveCandidate[]; protectedPairs: number }>;
  /** First-dose slots of these centres and the week's vaccine in [from, to), in time order; never the week's own. */
  targetSlots(week: DropWeek, centreIds: number[], from: Date, to: Date): Promise<TargetSlot[]>;

  insertDrop(
    drop: Omit<DropRecord, "id" | "status" | "result" | "pairsCut" | "executedBy" | "executedAt">,
  ): Promise<number>;
  drop(id: number): Promise<DropRecord | null>;
  recentDrops(limit: number): Promise<DropRecord[]>;
  /** Takes the drop for execution: planned, or executing but abandoned before `staleBefore`. */
  claim(id: number, by: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** Marks a running execution as alive (its claim is not stale). */
  stillExecuting(id: number, now: Date): Promise<void>;
  /** Executions without a sign of life since `before`. */
  staleExecutions(before: Date): Promise<number[]>;
  /** Pairs this drop has moved so far (one notice each). */
  movedSoFar(id: number): Promise<number>;
  /** Step a: open invitations holding these slots lapse, their pairs go back, the people wait again. */
  releaseInvitationHolds(firstSlotIds: number[], now: Date): Promise<number>;
  /**
   * Step d and f: moves the booking to the first of `targets` with room (through the ledger's
   * rebook, keeping its code) and, in the same statement, records its notice (call, or a
   * "moved" letter without a phone). Null when none had room. Repeating the key moves nothing.
   */
  move(move: {
    dropId: number;
    bookingId: number;
    targets: number[];
    idempotencyKey: string;
    by: string;
    now: Date;
    letterDay: string;
  }): Promise<{ firstSlotId: number; startsAt: Date } | null>;
  /** Step e: lowers free capacity of these pairs, latest first, up to what the drop still has to cut. */
  lowerCapacity(dropId: number, firstSlotIds: number[]): Promise<number>;
  finish(id: number, result: unknown, now: Date): Promise<void>;
  audit(by: string, action: string, details: Record<string, unknown>, at: Date): Promise<void>;
}
