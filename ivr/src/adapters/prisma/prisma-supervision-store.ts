import type { SupervisionStore } from "../../domain/supervision/supervision-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaSupervisionStore implements SupervisionStore {
  constructor(private readonly prisma: PrismaClient) {}

  async callsInMenuByStep(since: Date) {
    return this.prisma.$queryRaw<{ step: string; calls: number }[]>`
      SELECT step, count(*)::int AS calls FROM call_session
       WHERE ended_at IS NULL AND updated_at >= ${since}::timestamptz GROUP BY step ORDER BY calls DESC`;
  }

  async queueCounts(
    since: Date,
    until: Date,
    { targetSeconds, shortAbandonSeconds }: { targetSeconds: number; shortAbandonSeconds: number },
  ) {
    // The error of an estimate: how many minutes the real wait fell outside the announced range.
    const rows = await this.prisma.$queryRaw<Record<string, number>[]>`
      WITH q AS (
        SELECT floor(EXTRACT(EPOCH FROM enqueued_at) / 900)::float8 * 900 AS bucket, status,
               COALESCE(result, 'hangup') AS result, wait_seconds,
               estimate_min_minutes IS NOT NULL AND status = 'bridged' AS estimated,
               CASE WHEN wait_seconds / 60.0 < estimate_min_minutes THEN estimate_min_minutes - wait_seconds / 60.0
                    WHEN wait_seconds / 60.0 > estimate_max_minutes THEN wait_seconds / 60.0 - estimate_max_minutes
                    ELSE 0 END AS error
          FROM queued_call
         WHERE enqueued_at >= ${since}::timestamptz AND enqueued_at < ${until}::timestamptz AND reason <> 'callback')
      SELECT bucket, count(*)::int AS offered,
             count(*) FILTER (WHERE status = 'bridged')::int AS answered,
             count(*) FILTER (WHERE status = 'bridged' AND wait_seconds <= ${targetSeconds}::int)::int AS in_target,
             count(*) FILTER (WHERE status = 'left' AND result = 'hangup' AND wait_seconds > ${shortAbandonSeconds}::int)::int AS abandoned,
             count(*) FILTER (WHERE status = 'left' AND result = 'hangup' AND wait_seconds <= ${shortAbandonSeconds}::int)::int AS short,
             count(*) FILTER (WHERE status = 'left' AND result = 'callback')::int AS to_callback,
             count(*) FILTER (WHERE status = 'left' AND result NOT IN ('hangup', 'callback'))::int AS other,
             count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
             COALESCE(sum(wait_seconds) FILTER (WHERE status = 'bridged'), 0)::float8 AS answer_wait,
             count(*) FILTER (WHERE estimated)::int AS estimated,
             count(*) FILTER (WHERE estimated AND error = 0)::int AS within,
             COALESCE(sum(error) FILTER (WHERE estimated), 0)::float8 AS error
        FROM q GROUP BY bucket ORDER BY bucket`;
    return rows.map((r) => ({
      at: new Date(Number(r.bucket) * 1000),
      offered: r.offered!,
      answered: r.answered!,
      answeredInTarget: r.in_target!,
      abandoned: r.abandoned!,
      shortAbandoned: r.short!,
      toCallback: r.to_callback!,
      otherExits: r.other!,
      waiting: r.waiting!,
      answerWaitSeconds: Number(r.answer_wait),
      estimated: r.estimated!,
      estimateWithin: r.within!,
      estimateErrorMinutes: Number(r.error),
    }));
  }

  async agentStateChanges(since: Date, until: Date) {
    const rows = await this.prisma.$queryRaw<{ agent_id: string; state: string; at: Date }[]>`
      WITH changes AS (
        (SELECT DISTINCT ON (agent_id) agent_id, state, at, id FROM agent_state_change
          WHERE at < ${since}::timestamptz ORDER BY agent_id, at DESC, id DESC)
        UNION ALL
        SELECT agent_id, state, at, id FROM agent_state_change
         WHERE at >= ${since}::timestamptz AND at < ${until}::timestamptz)
      SELECT c.agent_id, c.state, c.at FROM changes c JOIN agent a ON a.id = c.agent_id
       WHERE a.role = 'agent' ORDER BY c.agent_id, c.at, c.id`;
    return rows.map((r) => ({ agentId: r.agent_id, state: r.state, at: new Date(r.at) }));
  }

  async callbackFigures(now: Date, overdueBefore: Date) {
    const [r] = await this.prisma.$queryRaw<Record<string, number>[]>`
      SELECT count(*) FILTER (WHERE status = 'pending' AND next_attempt_at IS NOT NULL)::int AS pending,
             count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= ${now}::timestamptz)::int AS due,
             count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= ${overdueBefore}::timestamptz)::int AS overdue,
             count(*) FILTER (WHERE status IN ('claimed', 'dialling'))::int AS in_progress,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             count(*) FILTER (WHERE status = 'done')::int AS done,
             count(*) FILTER (WHERE status = 'pending' AND next_attempt_at IS NULL)::int AS awaiting,
             COALESCE(sum(attempts), 0)::int AS attempts
        FROM callback_request`;
    return {
      pending: r?.pending ?? 0,
      due: r?.due ?? 0,
      overdue: r?.overdue ?? 0,
      inProgress: r?.in_progress ?? 0,
      failed: r?.failed ?? 0,
      done: r?.done ?? 0,
      awaitingSupply: r?.awaiting ?? 0,
      attempts: r?.attempts ?? 0,
    };
  }

  async bookingsByChannel(since: Date) {
    const rows = await this.prisma.$queryRaw<{ channel: string; n: number }[]>`
      SELECT channel, count(*)::int AS n FROM booking WHERE created_at >= ${since}::timestamptz GROUP BY channel`;
    return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
  }

  async recordSample(name: string, at: Date, value: number) {
    await this.prisma.$executeRaw`
      INSERT INTO metric_sample (name, at, value) VALUES (${name}, ${at}::timestamptz, ${value}::float8) ON CONFLICT (name, at) DO NOTHING`;
  }

  async samples(since: Date, until: Date) {
    return this.prisma.$queryRaw<{ name: string; at: Date; value: number }[]>`
      SELECT name, at, value FROM metric_sample WHERE at >= ${since}::timestamptz AND at < ${until}::timestamptz ORDER BY at`;
  }

  async bookingsPerHour(since: Date, until: Date) {
    return this.prisma.$queryRaw<{ at: Date; value: number }[]>`
      SELECT date_trunc('hour', created_at) AS at, count(*)::int AS value FROM booking
       WHERE created_at >= ${since}::timestamptz AND created_at < ${until}::timestamptz GROUP BY 1 ORDER BY 1`;
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>) {
    await this.prisma.supervisorAction.create({ data: { agentId, action, details: details as object } });
  }

  async auditLog(limit: number) {
    return this.prisma.supervisorAction.findMany({ orderBy: { id: "desc" }, take: limit });
  }
}
