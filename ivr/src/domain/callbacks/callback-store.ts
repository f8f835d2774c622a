// What the callback queue needs from its database (PostgreSQL or PGlite).
export type CallbackStatus = "pending" | "claimed" | "dialling" | "done" | "failed" | "expired";
export type CallbackReason =
  "agent" | "awaiting-supply" | "outside-hours" | "queue-full" | "long-wait" | "no-agents" | "fallback";

export interface NewCallback {
  phone: string;
  phoneSource: "caller-id" | "keyed";
  language: string;
  reason: CallbackReason;
  priorityGroup: number;
  releaseWindow: Date;
  randomRank: number;
  birthYear: number | null;
  hasCode: boolean;
  firstContactAt: Date;
  /** null: not due until something happens (new supply released). */
  nextAttemptAt: Date | null;
  context: Record<string, unknown>;
  holdId: string | null;
  holdExpiresAt: Date | null;
  originCallSid: string | null;
  journalId: string | null;
}

export interface CallbackRecord extends NewCallback {
  id: number;
  status: CallbackStatus;
  attempts: number;
  claimedBy: string | null;
  claimToken: string | null;
  leaseUntil: Date | null;
  outcome: string | null;
  notes: string | null;
  finalNotice: string | null;
  windowFrom: Date | null;
  windowTo: Date | null;
}

export interface Claim {
  request: CallbackRecord;
  token: string;
}

export interface CallbackStore {
  /** Inserts unless the number already has an open request; then returns that one. */
  register(request: NewCallback): Promise<{ created: boolean; request: CallbackRecord }>;
  setWindow(id: number, from: Date, to: Date): Promise<void>;
  /** Due-or-scheduled pending requests per (priority group, release window). */
  pendingByGroup(): Promise<{ priorityGroup: number; releaseWindow: Date; count: number }[]>;
  /** Gives expired leases back to the queue (their worker died). */
  reapExpiredLeases(now: Date): Promise<number>;
  /** Claims the first due request in fairness order; two claimers never get the same one. */
  claimNext(claimer: string, leaseSeconds: number, now: Date): Promise<Claim | null>;
  claimById(id: number, claimer: string, leaseSeconds: number, now: Date): Promise<Claim | null>;
  markDialling(id: number, token: string, callSid: string | null, leaseUntil: Date): Promise<boolean>;
  /** Ends a claimed request; false when the claim is no longer this claimer's. */
  finish(
    id: number,
    token: string,
    result: {
      status: "done" | "failed" | "expired";
      outcome: string;
      notes?: string | null;
      finalNotice?: string | null;
    },
    now: Date,
  ): Promise<CallbackRecord | null>;
  /** Back to pending for another attempt at `at`. */
  retryLater(
    id: number,
    token: string,
    at: Date,
    outcome: string,
    notes: string | null,
    now: Date,
  ): Promise<CallbackRecord | null>;
  findById(id: number): Promise<CallbackRecord | null>;
  findOpenByPhone(phone: string): Promise<CallbackRecord | null>;
  /** Makes requests waiting for new supply due now. */
  wakeAwaitingSupply(now: Date): Promise<number>;
  countByStatus(now: Date): Promise<Record<string, number>>;
  /** Audit of outbound calls: one row per dial. */
  logAttempt(requestId: number, claimer: string, callSid: string, at: Date): Promise<void>;
  attemptEnded(callSid: string, status: string, at: Date): Promise<number | null>;
  /** Calls placed for callbacks that have not ended yet (they will need an agent). */
  attemptsInFlight(): Promise<number>;
}
