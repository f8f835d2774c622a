// The rebooking calls of missed first doses (rebook_call, written by the centre's day) in SQL.
import type { RebookCallStore } from "../../domain/rebook/rebook-calls.ts";
import type { Database } from "./open-database.ts";

export class SqlRebookCallStore implements RebookCallStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async pending(limit: number) {
    const rows = await this.db.query(
      `SELECT rc.booking_id, p.phone,
              coalesce((SELECT e.language FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
                         WHERE i.booking_id = rc.booking_id ORDER BY i.id DESC LIMIT 1), 'de') AS language
         FROM rebook_call rc JOIN booking b ON b.id = rc.booking_id JOIN person p ON p.id = b.person_id
        WHERE rc.status = 'pending' AND b.status = 'active' AND p.phone IS NOT NULL
        ORDER BY rc.created_at, rc.booking_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ bookingId: Number(r.booking_id), phone: String(r.phone), language: String(r.language) }));
  }

  async queued(bookingIds: number[]): Promise<void> {
    await this.db.query(
      `UPDATE rebook_call SET status = 'queued' WHERE booking_id = ANY ($1::int[]) AND status = 'pending'`,
      [bookingIds],
    );
  }
}
