// The supply drop's move notices as the calls and letters of issue 18 use them, in SQL.
import type { MoveNotice, MoveNoticeStatus, MoveNoticeStore } from "../../domain/supply/move-notice-calls.ts";
import type { Database } from "./open-database.ts";

type Row = Record<string, unknown>;

export class SqlMoveNoticeStore implements MoveNoticeStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async pendingCalls(limit: number): Promise<MoveNotice[]> {
    const rows = await this.db.query(
      `SELECT n.id, n.booking_id, n.phone, n.language FROM supply_move_notice n JOIN booking b ON b.id = n.booking_id
        WHERE n.status = 'pending' AND n.channel = 'call' AND n.phone IS NOT NULL AND b.status = 'active'
        ORDER BY n.created_at, n.id LIMIT $1`,
      [limit],
    );
    return rows.map(toNotice);
  }

  async setStatus(ids: number[], status: MoveNoticeStatus): Promise<void> {
    await this.db.query(`UPDATE supply_move_notice SET status = $2 WHERE id = ANY ($1::int[])`, [ids, status]);
  }

  async find(id: number) {
    const rows = await this.db.query(
      `SELECT id, booking_id, phone, language, status FROM supply_move_notice WHERE id = $1`,
      [id],
    );
    return rows[0] ? { ...toNotice(rows[0]), status: rows[0].status as MoveNoticeStatus } : null;
  }

  async queueLetter(noticeId: number, batchDay: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO letter_item (booking_id, first_slot_id, kind, batch_day)
       SELECT b.id, b.first_slot_id, 'moved', $2::date
         FROM supply_move_notice n JOIN booking b ON b.id = n.booking_id
        WHERE n.id = $1 AND b.status = 'active'
       ON CONFLICT DO NOTHING RETURNING booking_id`,
      [noticeId, batchDay],
    );
    return rows.length > 0;
  }
}

function toNotice(r: Row): MoveNotice {
  return {
    id: Number(r.id),
    bookingId: Number(r.booking_id),
    phone: String(r.phone ?? ""),
    language: String(r.language),
  };
}
