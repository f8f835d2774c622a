// EXPLAIN (ANALYZE, BUFFERS) of the two statements every claimNext runs and of the count of
// requests ahead that every register() runs (for the newest request), each inside a transaction
// that is rolled back (nothing is claimed). The SQL mirrors PrismaCallbackStore's
// reapExpiredLeases, claimNext and countAhead; keep them in step.
import { randomUUID } from "node:crypto";
import type pg from "pg";

const CLAIM_SQL = `
UPDATE callback_request SET status = 'claimed', claimed_by = $1, claim_token = $2::uuid,
       lease_until = $3::timestamptz, attempts = attempts + 1, updated_at = $4::timestamptz
 WHERE id = (SELECT id FROM callback_request
              WHERE status = 'pending' AND next_attempt_at <= $4::timestamptz
              ORDER BY priority_group, release_window, random_rank
              LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING *`;

const REAP_SQL = `
UPDATE callback_request SET status = 'pending', claimed_by = NULL, claim_token = NULL, lease_until = NULL, updated_at = $1::timestamptz
 WHERE status IN ('claimed', 'dialling') AND lease_until < $1::timestamptz`;

const COUNT_AHEAD_SQL = `
SELECT count(*)::int AS n FROM callback_request o, callback_request me
 WHERE me.id = $1::int AND o.id <> me.id AND o.status IN ('pending', 'claimed', 'dialling') AND o.next_attempt_at IS NOT NULL
   AND (o.priority_group, o.release_window, o.random_rank) < (me.priority_group, me.release_window, me.random_rank)`;

export interface PlanSummary {
  statement: "claim" | "reap" | "countAhead";
  executionMs: number;
  /** Indexes the plan names, in order. */
  indexes: string[];
  /** Shared buffers hit + read by the whole statement (pages touched). */
  buffers: number;
  lines: string[];
}

async function explain(
  db: pg.Client,
  statement: PlanSummary["statement"],
  sql: string,
  params: unknown[],
): Promise<PlanSummary> {
  await db.query("BEGIN");
  try {
    const { rows } = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const text = lines.join("\n");
    const buffers = /Buffers: shared ([^\n]*)/.exec(text)?.[1] ?? "";
    return {
      statement,
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
      indexes: [...new Set([...text.matchAll(/using (\S+) on/gi)].map((m) => m[1]!))],
      buffers: [...buffers.matchAll(/(?:hit|read)=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0),
      lines,
    };
  } finally {
    await db.query("ROLLBACK");
  }
}

export async function explainClaim(db: pg.Client, now: Date, leaseSeconds: number): Promise<PlanSummary[]> {
  const lease = new Date(now.getTime() + leaseSeconds * 1000);
  return [
    await explain(db, "reap", REAP_SQL, [now]),
    await explain(db, "claim", CLAIM_SQL, ["explain", randomUUID(), lease, now]),
    await explain(db, "countAhead", COUNT_AHEAD_SQL, [
      (await db.query<{ id: number }>("SELECT max(id) AS id FROM callback_request")).rows[0]!.id,
    ]),
  ];
}
