// The campaign panel's figures and the regions' pause in SQL (PostgreSQL and PGlite): counts
// grouped in the database, never rows carried to the process.
import type { CampaignStore, InvitationOutcome } from "../../domain/waitlist/campaign.ts";
import type { Database } from "./open-database.ts";

export class SqlCampaignStore implements CampaignStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async campaignSettings() {
    const rows = await this.db.query<{ region_id: string; paused: boolean; share_percent: number }>(
      `SELECT region_id, paused, share_percent FROM campaign_region ORDER BY region_id`,
    );
    return rows.map((r) => ({ regionId: r.region_id, paused: r.paused, sharePercent: r.share_percent }));
  }

  async saveCampaign(regionId: string, change: { paused?: boolean; sharePercent?: number }, by: string, now: Date) {
    await this.db.query(
      `INSERT INTO campaign_region (region_id, paused, share_percent, updated_by, updated_at)
       VALUES ($1, coalesce($2, false), coalesce($3, 70), $4, $5)
       ON CONFLICT (region_id) DO UPDATE SET paused = coalesce($2, campaign_region.paused),
         share_percent = coalesce($3, campaign_region.share_percent), updated_by = $4, updated_at = $5`,
      [regionId, change.paused ?? null, change.sharePercent ?? null, by, now],
    );
  }

  async waitingByGroup() {
    const rows = await this.db.query<{ region_id: string; priority_group: number; count: number }>(
      `SELECT region_id, priority_group, count(*)::int AS count FROM waitlist_entry
        WHERE status = 'waiting' AND NOT home_visit GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return rows.map((r) => ({ regionId: r.region_id, priorityGroup: r.priority_group, count: r.count }));
  }

  async invitationCounts() {
    const rows = await this.db.query<{ region_id: string; status: InvitationOutcome; count: number }>(
      `SELECT r.region_id, i.status, count(*)::int AS count
         FROM waitlist_invitation i JOIN invitation_run r ON r.id = i.run_id GROUP BY 1, 2`,
    );
    return rows.map((r) => ({ regionId: r.region_id, status: r.status, count: r.count }));
  }

  async lettersPrinted() {
    const rows = await this.db.query<{ region_id: string; count: number }>(
      `SELECT r.region_id, count(*)::int AS count
         FROM letter_item l
         JOIN waitlist_invitation i ON i.booking_id = l.booking_id
         JOIN invitation_run r ON r.id = i.run_id
        GROUP BY 1`,
    );
    return rows.map((r) => ({ regionId: r.region_id, count: r.count }));
  }

  async freePairsByCentre(centreIds: number[], notBefore: Date) {
    const rows = await this.db.query<{ centre_id: number; free: number }>(
      `SELECT f.centre_id, sum(least(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held))::int AS free
         FROM slot f JOIN slot s ON s.id = f.partner_id
        WHERE f.centre_id = ANY ($1::int[]) AND f.dose = 1 AND NOT f.is_full AND NOT s.is_full AND f.starts_at >= $2
        GROUP BY 1`,
      [centreIds, notBefore],
    );
    return rows.map((r) => ({ centreId: r.centre_id, free: r.free }));
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ($1, $2, $3::jsonb)`, [
      agentId,
      action,
      JSON.stringify(details),
    ]);
  }
}
