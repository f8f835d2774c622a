// The agent queue's records: who waits, with what context, what they were told, and how
// long they really waited.
import type { QueuedCallRecord, QueueStore } from "../../domain/queue/queue-store.ts";
import type { WaitEstimate } from "../../domain/queue/wait-estimate.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { QUEUE_LEFT_SET } from "../db/queue-left-sql.ts";

type Row = Record<string, unknown>;

function toRecord(r: Row): QueuedCallRecord {
  const min = r.estimate_min_minutes as number | null;
  const max = r.estimate_max_minutes as number | null;
  return {
    callSid: r.call_sid as string,
    queue: r.queue as string,
    status: r.status as QueuedCallRecord["status"],
    language: r.language as string,
    phone: (r.phone as string | null) ?? null,
    reason: r.reason as string,
    context: (typeof r.context === "string" ? JSON.parse(r.context) : r.context) as Record<string, unknown>,
    enqueuedAt: new Date(r.enqueued_at as string),
    estimate: min === null || max === null ? null : { minMinutes: min, maxMinutes: max },
    agentId: (r.agent_id as string | null) ?? null,
    bridgedAt: r.bridged_at ? new Date(r.bridged_at as string) : null,
  };
}

export class PrismaQueueStore implements QueueStore {
  constructor(private readonly prisma: PrismaClient) {}

  async enqueue(c: Omit<QueuedCallRecord, "status" | "estimate" | "agentId" | "bridgedAt">): Promise<void> {
    // A caller who comes back into the queue (after an agent sent them on) waits anew.
    await this.prisma.$executeRaw`
      INSERT INTO queued_call (call_sid, queue, language, phone, reason, context, enqueued_at)
      VALUES (${c.callSid}, ${c.queue}, ${c.language}, ${c.phone}, ${c.reason}, ${JSON.stringify(c.context)}::jsonb, ${c.enqueuedAt}::timestamptz)
      ON CONFLICT (call_sid) DO UPDATE SET status = 'waiting', reason = EXCLUDED.reason, context = EXCLUDED.context,
        enqueued_at = EXCLUDED.enqueued_at, left_at = NULL, wait_seconds = NULL, result = NULL, agent_id = NULL, bridged_at = NULL, ended_at = NULL`;
  }

  async positionOf(callSid: string): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ n: number | null }[]>`
      SELECT (SELECT count(*)::int FROM queued_call o WHERE o.queue = me.queue AND o.status = 'waiting' AND o.enqueued_at <= me.enqueued_at) AS n
        FROM queued_call me WHERE me.call_sid = ${callSid} AND me.status = 'waiting'`;
    return rows[0]?.n ?? null;
  }

  async waitingCount(queue: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM queued_call WHERE queue = ${queue} AND status = 'waiting'`;
    return rows[0]?.n ?? 0;
  }

  async agentsWorking(): Promise<number> {
    const rows = await this.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM agent WHERE state IN ('available', 'on-call', 'wrap-up')`;
    return rows[0]?.n ?? 0;
  }

  async agentsAvailable(): Promise<number> {
    const rows = await this.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM agent a WHERE a.state = 'available' AND a.disabled_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM agent_offer o WHERE o.agent_id = a.id AND o.status = 'open')
        AND NOT EXISTS (SELECT 1 FROM conversation v WHERE v.agent_id = a.id AND v.closed_at IS NULL)`;
    return rows[0]?.n ?? 0;
  }

  async avgHandleSeconds(since: Date): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<{ s: number | null }[]>`
      SELECT avg(EXTRACT(EPOCH FROM (ended_at - bridged_at)))::float8 AS s FROM queued_call
       WHERE ended_at >= ${since}::timestamptz AND bridged_at IS NOT NULL`;
    return rows[0]?.s ?? null;
  }

  async recordEstimate(callSid: string, estimate: WaitEstimate | null): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE queued_call SET estimate_min_minutes = ${estimate?.minMinutes ?? null}::int, estimate_max_minutes = ${estimate?.maxMinutes ?? null}::int
       WHERE call_sid = ${callSid}`;
  }

  async left(callSid: string, result: string, waitSeconds: number | null, at: Date): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE queued_call SET ${QUEUE_LEFT_SET} WHERE call_sid = $1`,
      callSid,
      at,
      result,
      waitSeconds,
    );
  }

  async bridged(callSid: string, agentId: string, at: Date): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE queued_call SET status = 'bridged', agent_id = ${agentId}, bridged_at = ${at}::timestamptz, left_at = ${at}::timestamptz,
             wait_seconds = EXTRACT(EPOCH FROM (${at}::timestamptz - enqueued_at))::int
       WHERE call_sid = ${callSid} AND status = 'waiting'`;
    return n === 1;
  }

  async ended(callSid: string, at: Date): Promise<void> {
    await this.prisma
      .$executeRaw`UPDATE queued_call SET ended_at = COALESCE(ended_at, ${at}::timestamptz) WHERE call_sid = ${callSid}`;
  }

  async find(callSid: string): Promise<QueuedCallRecord | null> {
    const rows = await this.prisma.$queryRaw<Row[]>`SELECT * FROM queued_call WHERE call_sid = ${callSid}`;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async waiting(queue: string, limit: number): Promise<QueuedCallRecord[]> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT * FROM queued_call WHERE queue = ${queue} AND status = 'waiting' ORDER BY enqueued_at LIMIT ${limit}::int`;
    return rows.map(toRecord);
  }
}
