import type { SupervisionStore } from "../../domain/supervision/supervision-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

export class PrismaSupervisionStore implements SupervisionStore {
  constructor(private readonly prisma: PrismaClient) {}

  async callsInMenuByStep(since: Date) {
    return this.prisma.$queryRaw<{ step: string; calls: number }[]>`
      SELECT step, count(*)::int AS calls FROM call_session
       WHERE ended_at IS NULL AND updated_at >= ${since}::timestamptz GROUP BY step ORDER BY calls DESC`;
  }

  async queueLastHour(since: Date) {
    const [row] = await this.prisma.$queryRaw<
      { served: number; wait: number | null; announced: number | null; err: number | null }[]
    >`
      SELECT count(*)::int AS served, avg(wait_seconds)::float8 AS wait,
             avg((estimate_min_minutes + estimate_max_minutes) / 2.0)::float8 AS announced,
             avg(CASE WHEN estimate_min_minutes IS NULL THEN NULL
                      WHEN wait_seconds / 60.0 < estimate_min_minutes THEN estimate_min_minutes - wait_seconds / 60.0
                      WHEN wait_seconds / 60.0 > estimate_max_minutes THEN wait_seconds / 60.0 - estimate_max_minutes
                      ELSE 0 END)::float8 AS err
        FROM queued_call WHERE left_at >= ${since}::timestamptz AND wait_seconds IS NOT NULL`;
    return {
      served: row?.served ?? 0,
      avgWaitSeconds: row?.wait ?? null,
      avgAnnouncedMinutes: row?.announced ?? null,
      avgEstimateErrorMinutes: row?.err ?? null,
    };
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
