// What the outbound scheduler's task table needs from its database. The SQL adapter
// (adapters/db/sql-outbound-store.ts) implements it on PostgreSQL and PGlite alike.
import type { OutboundKind } from "./outbound-kinds.ts";

export const TASK_STATUSES = ["pending", "claimed", "dialling", "done", "gave-up", "cancelled", "expired"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** How one attempt ended, as the scheduler counts it. */
export type AttemptOutcome = "human" | "machine" | "no-answer" | "busy" | "failed";

export interface NewOutboundTask {
  kind: OutboundKind;
  /** What the call is about (an invitation's id, a booking's id): one task per kind and subject. */
  subjectId: string;
  /** E.164; only a number the person gave. */
  phone: string;
  language: string;
  notBefore: Date;
  /** After this the call is pointless (the invitation's deadline): the task expires instead. */
  notAfter: Date | null;
}

export interface OutboundTask extends NewOutboundTask {
  id: number;
  priority: number;
  attempts: number;
  maxAttempts: number;
  status: TaskStatus;
  lastOutcome: AttemptOutcome | null;
  claimedBy: string | null;
  callSid: string | null;
}

export interface TaskClaim {
  task: OutboundTask;
  token: string;
}

export interface OutboundStore {
  /** Inserts the tasks that are new (kind and subject unique); returns how many were. */
  enqueue(tasks: (NewOutboundTask & { priority: number; maxAttempts: number })[], now: Date): Promise<number>;
  /**
   * Claims the first due task of these kinds (priority, then not-before, then id), skipping
   * rows another process is claiming and invitation calls of a paused campaign region (left
   * pending, no attempt counted): the claim counts an attempt and holds a lease.
   */
  claimNext(
    kinds: OutboundKind[],
    claimer: string,
    token: string,
    leaseUntil: Date,
    now: Date,
  ): Promise<OutboundTask | null>;
  /** Records the dial; false when the claim was lost meanwhile. */
  markDialling(id: number, token: string, callSid: string, leaseUntil: Date): Promise<boolean>;
  /** Claims whose process died go back in line (their attempt stays counted). */
  reapExpiredLeases(now: Date): Promise<number>;
  /** Pending tasks past their not-after: expired, returned for their kind's other way. */
  expireOverdue(now: Date): Promise<OutboundTask[]>;
  /** The answered call's first answer (a person or a machine), kept for the status callback. */
  recordAnswer(callSid: string, outcome: "human" | "machine"): Promise<OutboundTask | null>;
  byCallSid(callSid: string): Promise<OutboundTask | null>;
  byId(id: number): Promise<OutboundTask | null>;
  /** Ends an attempt: back to pending at `retryAt`, or to `status` for good. Only from claimed/dialling. */
  attemptEnded(
    id: number,
    outcome: AttemptOutcome,
    next: { retryAt: Date } | { status: "done" | "gave-up" },
    now: Date,
  ): Promise<boolean>;
  /** The subject no longer needs a call (declined, accepted by calling in): not dialled again. */
  cancel(kind: OutboundKind, subjectId: string, now: Date): Promise<boolean>;
  counts(): Promise<{ kind: string; status: string; count: number }[]>;
}
