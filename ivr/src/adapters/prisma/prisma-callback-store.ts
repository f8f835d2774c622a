// The callback queue in PostgreSQL: claims use FOR UPDATE SKIP LOCKED so any number of
// workers and agents can take requests at once without ever sharing one.
import { randomUUID } from "node:crypto";
import type { CallbackRecord, CallbackStore, Claim, NewCallback } from "../../domain/callbacks/callback-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

type Row = Record<string, unknown>;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toRecord(r: Row): CallbackRecord {
  return {
    id: r.id as number,
    phone: r.phone as string,
    phoneSource: r.phone_source as CallbackRecord["phoneSource"],
    language: r.language as string,
    reason: r.reason as CallbackRecord["reason"],
    status: r.status as CallbackRecord["status"],
    priorityGroup: r.priority_group as number,
    releaseWindow: date(r.release_window)!,
    randomRank: r.random_rank as number,
    birthYear: (r.birth_year as number | null) ?? null,
    hasCode: r.has_code as boolean,
    firstContactAt: date(r.first_contact_at)!,
    nextAttemptAt: date(r.next_attempt_at),
    attempts: r.attempts as number,
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimToken: (r.claim_token as string | null) ?? null,
    leaseUntil: date(r.lease_until),
    context: (typeof r.context === "string" ? JSON.parse(r.context) : r.context) as Record<string, unknown>,
    holdId: (r.hold_id as string | null) ?? null,
    holdExpiresAt: date(r.hold_expires_at),
    originCallSid: (r.origin_call_sid as string | null) ?? null,
    journalId: (r.journal_id as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    finalNotice: (r.final_notice as string | null) ?? null,
    windowFrom: date(r.window_from),
    windowTo: date(r.window_to),
  };
}

const OPEN = "('pending', 'claimed', 'dialling')";

export class PrismaCallbackStore implements CallbackStore {
  constructor(private readonly prisma: PrismaClient) {}

  async register(c: NewCallback): Promise<{ created: boolean; request: CallbackRecord }> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      INSERT INTO callback_request (phone, phone_source, language, reason, priority_group, release_window, random_rank,
        birth_year, has_code, first_contact_at, next_attempt_at, context, hold_id, hold_expires_at, origin_call_sid, journal_id)
      VALUES (${c.phone}, ${c.phoneSource}, ${c.language}, ${c.reason}, ${c.priorityGroup}::smallint, ${c.releaseWindow}::timestamptz,
        ${c.randomRank}::float8, ${c.birthYear}::int, ${c.hasCode}, ${c.firstContactAt}::timestamptz, ${c.nextAttemptAt}::timestamptz,
        ${JSON.stringify(c.context)}::jsonb, ${c.holdId}::uuid, ${c.holdExpiresAt}::timestamptz, ${c.originCallSid}, ${c.journalId})
      ON CONFLICT DO NOTHING
      RETURNING *`;
    if (rows[0]) return { created: true, request: toRecord(rows[0]) };
    const existing = c.journalId
      ? await this.prisma.$queryRaw<Row[]>`SELECT * FROM callback_request WHERE journal_id = ${c.journalId}`
      : [];
    const open = existing[0]
      ? existing
      : await this.prisma.$queryRawUnsafe<Row[]>(
          `SELECT * FROM callback_request WHERE phone = $1 AND status IN ${OPEN}`,
          c.phone,
        );
    if (!open[0]) throw new Error("callback request neither inserted nor found");
    return { created: false, request: toRecord(open[0]) };
  }

  async setWindow(id: number, from: Date, to: Date): Promise<void> {
    await this.prisma
      .$executeRaw`UPDATE callback_request SET window_from = ${from}::timestamptz, window_to = ${to}::timestamptz WHERE id = ${id}::int`;
  }

  async pendingByGroup(): Promise<{ priorityGroup: number; releaseWindow: Date; count: number }[]> {
    const rows = await this.prisma.$queryRaw<{ g: number; w: Date; n: number }[]>`
      SELECT priority_group AS g, release_window AS w, count(*)::int AS n FROM callback_request
       WHERE status = 'pending' AND next_attempt_at IS NOT NULL GROUP BY 1, 2`;
    return rows.map((r) => ({ priorityGroup: r.g, releaseWindow: new Date(r.w), count: r.n }));
  }

  async reapExpiredLeases(now: Date): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE callback_request SET status = 'pending', claimed_by = NULL, claim_token = NULL, lease_until = NULL, updated_at = ${now}::timestamptz
       WHERE status IN ('claimed', 'dialling') AND lease_until < ${now}::timestamptz`;
  }

  async claimNext(claimer: string, leaseSeconds: number, now: Date): Promise<Claim | null> {
    const token = randomUUID();
    const lease = new Date(now.getTime() + leaseSeconds * 1000);
    const rows = await this.prisma.$queryRaw<Row[]>`
      UPDATE callback_request SET status = 'claimed', claimed_by = ${claimer}, claim_token = ${token}::uuid,
             lease_until = ${lease}::timestamptz, attempts = attempts + 1, updated_at = ${now}::timestamptz
       WHERE id = (SELECT id FROM callback_request
                    WHERE status = 'pending' AND next_attempt_at <= ${now}::timestamptz
                    ORDER BY priority_group, release_window, random_rank
                    LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING *`;
    return rows[0] ? { request: toRecord(rows[0]), token } : null;
  }

  async claimById(id: number, claimer: string, leaseSeconds: number, now: Date): Promise<Claim | null> {
    const token = randomUUID();
    const lease = new Date(now.getTime() + leaseSeconds * 1000);
    const rows = await this.prisma.$queryRaw<Row[]>`
      UPDATE callback_request SET status = 'claimed', claimed_by = ${claimer}, claim_token = ${token}::uuid,
             lease_until = ${lease}::timestamptz, attempts = attempts + 1, updated_at = ${now}::timestamptz
       WHERE id = ${id}::int AND status = 'pending'
      RETURNING *`;
    return rows[0] ? { request: toRecord(rows[0]), token } : null;
  }

  async markDialling(id: number, token: string, callSid: string | null, leaseUntil: Date): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE callback_request SET status = 'dialling', dialled_call_sid = ${callSid}, lease_until = ${leaseUntil}::timestamptz
       WHERE id = ${id}::int AND claim_token = ${token}::uuid AND status IN ('claimed', 'dialling')`;
    return n === 1;
  }

  async finish(
    id: number,
    token: string,
    result: {
      status: "done" | "failed" | "expired";
      outcome: string;
      notes?: string | null;
      finalNotice?: string | null;
    },
    now: Date,
  ): Promise<CallbackRecord | null> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      UPDATE callback_request SET status = ${result.status}, outcome = ${result.outcome}, notes = COALESCE(${result.notes ?? null}::text, notes),
             final_notice = COALESCE(${result.finalNotice ?? null}::text, final_notice), done_at = ${now}::timestamptz,
             lease_until = NULL, updated_at = ${now}::timestamptz
       WHERE id = ${id}::int AND claim_token = ${token}::uuid AND status IN ('claimed', 'dialling')
      RETURNING *`;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async retryLater(
    id: number,
    token: string,
    at: Date,
    outcome: string,
    notes: string | null,
    now: Date,
  ): Promise<CallbackRecord | null> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      UPDATE callback_request SET status = 'pending', next_attempt_at = ${at}::timestamptz, outcome = ${outcome},
             notes = COALESCE(${notes}::text, notes), claimed_by = NULL, claim_token = NULL, lease_until = NULL, updated_at = ${now}::timestamptz
       WHERE id = ${id}::int AND claim_token = ${token}::uuid AND status IN ('claimed', 'dialling')
      RETURNING *`;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: number): Promise<CallbackRecord | null> {
    const rows = await this.prisma.$queryRaw<Row[]>`SELECT * FROM callback_request WHERE id = ${id}::int`;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findOpenByPhone(phone: string): Promise<CallbackRecord | null> {
    const rows = await this.prisma.$queryRawUnsafe<Row[]>(
      `SELECT * FROM callback_request WHERE phone = $1 AND status IN ${OPEN}`,
      phone,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async wakeAwaitingSupply(now: Date): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE callback_request SET next_attempt_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
       WHERE status = 'pending' AND reason = 'awaiting-supply' AND next_attempt_at IS NULL`;
  }

  async countByStatus(now: Date): Promise<Record<string, number>> {
    const rows = await this.prisma.$queryRaw<{ key: string; n: number }[]>`
      SELECT CASE WHEN status = 'pending' AND next_attempt_at IS NULL THEN 'awaiting'
                  WHEN status = 'pending' AND next_attempt_at <= ${now}::timestamptz THEN 'due'
                  ELSE status END AS key, count(*)::int AS n
        FROM callback_request GROUP BY 1`;
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  async logAttempt(requestId: number, claimer: string, callSid: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO callback_attempt (request_id, claimed_by, call_sid, status, started_at)
      VALUES (${requestId}::int, ${claimer}, ${callSid}, 'dialling', ${at}::timestamptz)`;
  }

  async attemptEnded(callSid: string, status: string, at: Date): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ request_id: number }[]>`
      UPDATE callback_attempt SET status = ${status}, ended_at = ${at}::timestamptz
       WHERE call_sid = ${callSid} AND ended_at IS NULL RETURNING request_id`;
    return rows[0]?.request_id ?? null;
  }

  async attemptsInFlight(): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM callback_attempt WHERE ended_at IS NULL AND started_at > now() - interval '10 minutes'`;
    return rows[0]?.n ?? 0;
  }
}
