// What a call leaves in the database: the call_session rows every webhook reads and rewrites
// (how big, how many updates were HOT, i.e. touched no index), and the other tables a call
// writes, with how often autovacuum ran on each: for the profile's findings.
import type pg from "pg";

export interface SessionStats {
  rows: number;
  avgStateBytes: number;
  avgResponseBytes: number;
  updates: number;
  hotUpdatePercent: number;
  tableMb: number;
  /** The other tables a call writes: updates, and the share that was HOT. */
  otherTables: Record<string, { updates: number; hotUpdatePercent: number; autovacuums: number }>;
  autovacuums: number;
}

export async function sessionStats(db: pg.ClientBase): Promise<SessionStats> {
  const { rows } = await db.query<SessionStats>(`
    SELECT (SELECT count(*)::int FROM call_session) AS rows,
           (SELECT COALESCE(round(avg(pg_column_size(state))), 0)::int FROM call_session) AS "avgStateBytes",
           (SELECT COALESCE(round(avg(pg_column_size(last_response))), 0)::int FROM call_session) AS "avgResponseBytes",
           COALESCE(n_tup_upd, 0)::int AS updates,
           COALESCE(round(100.0 * n_tup_hot_upd / NULLIF(n_tup_upd, 0), 1), 0)::float AS "hotUpdatePercent",
           round(pg_total_relation_size('call_session') / 1048576.0, 1)::float AS "tableMb",
           (autovacuum_count + autoanalyze_count)::int AS autovacuums
      FROM pg_stat_user_tables WHERE relname = 'call_session'`);
  const others = await db.query<{ relname: string; updates: number; hot: number; autovacuums: number }>(`
    SELECT relname, n_tup_upd::int AS updates, COALESCE(round(100.0 * n_tup_hot_upd / NULLIF(n_tup_upd, 0), 1), 0)::float AS hot,
           (autovacuum_count + autoanalyze_count)::int AS autovacuums
      FROM pg_stat_user_tables WHERE relname IN ('slot', 'hold', 'person', 'booking', 'queued_call') ORDER BY relname`);
  const otherTables = Object.fromEntries(
    others.rows.map((r) => [r.relname, { updates: r.updates, hotUpdatePercent: r.hot, autovacuums: r.autovacuums }]),
  );
  return { ...rows[0]!, otherTables };
}
