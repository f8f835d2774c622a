// Conference legs in PostgreSQL (and PGlite); see domain/agents/call-leg-store.ts. A join is
// one INSERT … ON CONFLICT DO NOTHING against the partial unique indexes, so "one open leg per
// person" holds across server processes.
import type { MonitorMode } from "../../contracts/call-control.ts";
import type { CallLegRecord, CallLegStore, LegRole } from "../../domain/agents/call-leg-store.ts";
import type { Database } from "./open-database.ts";

type Row = Record<string, unknown>;

const toLeg = (r: Row): CallLegRecord => ({
  id: r.id as number,
  callSid: r.call_sid as string,
  role: r.role as LegRole,
  agentId: (r.agent_id as string | null) ?? null,
  legSid: (r.leg_sid as string | null) ?? null,
  mode: (r.mode as MonitorMode | null) ?? null,
  muted: r.muted as boolean,
  held: r.held as boolean,
  joinedAt: new Date(r.joined_at as string),
  leftAt: r.left_at ? new Date(r.left_at as string) : null,
});

export class SqlCallLegStore implements CallLegStore {
  constructor(private readonly db: Database) {}

  async join(
    leg: { callSid: string; role: LegRole; agentId: string | null; mode?: MonitorMode | null },
    now: Date,
  ): Promise<CallLegRecord | null> {
    // A leg left open by a call that ended (the caller hung up mid-consult) does not block.
    if (leg.agentId)
      await this.db.query(
        `UPDATE call_leg l SET left_at = $2::timestamptz FROM queued_call q
          WHERE l.agent_id = $1 AND l.left_at IS NULL AND q.call_sid = l.call_sid AND q.ended_at IS NOT NULL`,
        [leg.agentId, now],
      );
    const rows = await this.db.query<Row>(
      `INSERT INTO call_leg (call_sid, role, agent_id, mode, joined_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT DO NOTHING RETURNING *`,
      [leg.callSid, leg.role, leg.agentId, leg.mode ?? null, now],
    );
    return rows[0] ? toLeg(rows[0]) : null;
  }

  async setLegSid(id: number, legSid: string): Promise<void> {
    await this.db.query(`UPDATE call_leg SET leg_sid = $2 WHERE id = $1`, [id, legSid]);
  }

  async update(
    id: number,
    change: { role?: LegRole; mode?: MonitorMode | null; muted?: boolean; held?: boolean },
  ): Promise<void> {
    await this.db.query(
      `UPDATE call_leg SET role = COALESCE($2, role),
              mode = CASE WHEN $3::boolean THEN $4 ELSE mode END,
              muted = COALESCE($5, muted), held = COALESCE($6, held)
        WHERE id = $1`,
      [
        id,
        change.role ?? null,
        change.mode !== undefined,
        change.mode ?? null,
        change.muted ?? null,
        change.held ?? null,
      ],
    );
  }

  async leave(id: number, now: Date): Promise<void> {
    await this.db.query(`UPDATE call_leg SET left_at = $2::timestamptz WHERE id = $1 AND left_at IS NULL`, [id, now]);
  }

  async open(callSid: string): Promise<CallLegRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM call_leg WHERE call_sid = $1 AND left_at IS NULL ORDER BY id`,
      [callSid],
    );
    return rows.map(toLeg);
  }

  async openOf(agentId: string): Promise<CallLegRecord | null> {
    const rows = await this.db.query<Row>(`SELECT * FROM call_leg WHERE agent_id = $1 AND left_at IS NULL`, [agentId]);
    return rows[0] ? toLeg(rows[0]) : null;
  }

  async closeCall(callSid: string, now: Date): Promise<number> {
    const rows = await this.db.query<Row>(
      `UPDATE call_leg SET left_at = $2::timestamptz WHERE call_sid = $1 AND left_at IS NULL RETURNING id`,
      [callSid, now],
    );
    return rows.length;
  }

  async handOver(callSid: string, agentId: string): Promise<void> {
    await this.db.query(`UPDATE queued_call SET agent_id = $2 WHERE call_sid = $1`, [callSid, agentId]);
  }
}
