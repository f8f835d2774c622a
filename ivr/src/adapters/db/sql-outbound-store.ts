// The outbound scheduler's task table in SQL. A claim is one UPDATE over a row picked with
// FOR UPDATE SKIP LOCKED: two processes claiming at once get two different tasks, never one
// twice, and a claim whose process died runs out and goes back in line. Same SQL on PostgreSQL
// and PGlite.
import type { OutboundKind } from "../../domain/outbound/outbound-kinds.ts";
import type {
  AttemptOutcome,
  NewOutboundTask,
  OutboundStore,
  OutboundTask,
  TaskStatus,
} from "../../domain/outbound/outbound-store.ts";
import type { Database } from "./open-database.ts";

const COLUMNS = `id, kind, subject_id, phone, language, priority, not_before, not_after, attempts, max_attempts, status,
  last_outcome, claimed_by, call_sid`;

type Row = Record<string, unknown>;

/**
 * An invitation call of a region whose campaign a supervisor paused (campaign_region.paused):
 * left in line, not claimed, so no attempt is counted; dialled once the region is resumed. Its
 * not-after stays as it was: past it, the task expires as any call not placed in time. The
 * subject is the invitation's id (other kinds' subjects are not looked up).
 */
const PAUSED_INVITATION = `(outbound_call.kind = 'invitation' AND EXISTS (
    SELECT 1 FROM waitlist_invitation i
      JOIN invitation_run r ON r.id = i.run_id
      JOIN campaign_region c ON c.region_id = r.region_id
     WHERE i.id = (CASE WHEN outbound_call.subject_id ~ '^[0-9]{1,9}$' THEN outbound_call.subject_id::int END)
       AND c.paused))`;

export class SqlOutboundStore implements OutboundStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async enqueue(tasks: (NewOutboundTask & { priority: number; maxAttempts: number })[], now: Date): Promise<number> {
    if (tasks.length === 0) return 0;
    const col = <K extends keyof (typeof tasks)[number]>(k: K) => tasks.map((t) => t[k]);
    const rows = await this.db.query(
      `INSERT INTO outbound_call (kind, subject_id, phone, language, priority, not_before, not_after, max_attempts, created_at, updated_at)
       SELECT r.*, $9::timestamptz, $9::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::timestamptz[], $7::timestamptz[], $8::int[])
              AS r(kind, subject_id, phone, language, priority, not_before, not_after, max_attempts)
       ON CONFLICT (kind, subject_id) DO NOTHING RETURNING id`,
      [
        col("kind"),
        col("subjectId"),
        col("phone"),
        col("language"),
        col("priority"),
        tasks.map((t) => t.notBefore.toISOString()),
        tasks.map((t) => t.notAfter?.toISOString() ?? null),
        col("maxAttempts"),
        now,
      ],
    );
    return rows.length;
  }

  async claimNext(
    kinds: OutboundKind[],
    claimer: string,
    token: string,
    leaseUntil: Date,
    now: Date,
  ): Promise<OutboundTask | null> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = 'claimed', claimed_by = $2, claim_token = $3::uuid, lease_until = $4,
              attempts = attempts + 1, call_sid = NULL, last_outcome = NULL, updated_at = $5
        WHERE id = (SELECT id FROM outbound_call
                     WHERE status = 'pending' AND kind = ANY ($1::text[]) AND not_before <= $5
                       AND (not_after IS NULL OR not_after > $5)
                       AND NOT ${PAUSED_INVITATION}
                     ORDER BY priority, not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND status = 'pending'
       RETURNING ${COLUMNS}`,
      [kinds, claimer, token, leaseUntil, now],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  async markDialling(id: number, token: string, callSid: string, leaseUntil: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = 'dialling', call_sid = $3, lease_until = $4
        WHERE id = $1 AND claim_token = $2::uuid AND status = 'claimed' RETURNING id`,
      [id, token, callSid, leaseUntil],
    );
    return rows.length > 0;
  }

  async reapExpiredLeases(now: Date): Promise<number> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = 'pending', claimed_by = NULL, claim_token = NULL, lease_until = NULL, updated_at = $1
        WHERE status IN ('claimed', 'dialling') AND lease_until < $1 RETURNING id`,
      [now],
    );
    return rows.length;
  }

  async expireOverdue(now: Date): Promise<OutboundTask[]> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = 'expired', updated_at = $1
        WHERE status = 'pending' AND not_after IS NOT NULL AND not_after <= $1 RETURNING ${COLUMNS}`,
      [now],
    );
    return rows.map(toTask);
  }

  async recordAnswer(callSid: string, outcome: "human" | "machine"): Promise<OutboundTask | null> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET last_outcome = $2 WHERE call_sid = $1 AND status IN ('claimed', 'dialling') RETURNING ${COLUMNS}`,
      [callSid, outcome],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  async byCallSid(callSid: string): Promise<OutboundTask | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM outbound_call WHERE call_sid = $1`, [callSid]);
    return rows[0] ? toTask(rows[0]) : null;
  }

  async byId(id: number): Promise<OutboundTask | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM outbound_call WHERE id = $1`, [id]);
    return rows[0] ? toTask(rows[0]) : null;
  }

  async attemptEnded(
    id: number,
    outcome: AttemptOutcome,
    next: { retryAt: Date } | { status: "done" | "gave-up" },
    now: Date,
  ): Promise<boolean> {
    const status = "status" in next ? next.status : "pending";
    const retryAt = "retryAt" in next ? next.retryAt : null;
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = $2, last_outcome = $3, not_before = coalesce($4, not_before),
              claimed_by = NULL, claim_token = NULL, lease_until = NULL, updated_at = $5
        WHERE id = $1 AND status IN ('claimed', 'dialling') RETURNING id`,
      [id, status, outcome, retryAt, now],
    );
    return rows.length > 0;
  }

  async cancel(kind: OutboundKind, subjectId: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE outbound_call SET status = 'cancelled', updated_at = $3
        WHERE kind = $1 AND subject_id = $2 AND status IN ('pending', 'claimed', 'dialling') RETURNING id`,
      [kind, subjectId, now],
    );
    return rows.length > 0;
  }

  async counts(): Promise<{ kind: string; status: string; count: number }[]> {
    return this.db.query<{ kind: string; status: string; count: number }>(
      `SELECT kind, status, count(*)::int AS count FROM outbound_call GROUP BY kind, status ORDER BY kind, status`,
    );
  }
}

function toTask(r: Row): OutboundTask {
  return {
    id: Number(r.id),
    kind: r.kind as OutboundKind,
    subjectId: String(r.subject_id),
    phone: String(r.phone),
    language: String(r.language),
    priority: Number(r.priority),
    notBefore: new Date(r.not_before as string),
    notAfter: r.not_after ? new Date(r.not_after as string) : null,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    status: r.status as TaskStatus,
    lastOutcome: (r.last_outcome as AttemptOutcome | null) ?? null,
    claimedBy: (r.claimed_by as string | null) ?? null,
    callSid: (r.call_sid as string | null) ?? null,
  };
}
