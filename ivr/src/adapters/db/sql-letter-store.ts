// The letters' print batches in SQL: what is due follows person.letter and the typed address.
import type { LetterRow, LetterStore } from "../../domain/letters/letter-run.ts";
import type { Database } from "./open-database.ts";

const ADDRESSED = `p.name IS NOT NULL AND p.street IS NOT NULL AND p.city IS NOT NULL`;
/** Bookings of waiting-list invitations that go out by letter (the run's letters, or calls unanswered). */
const INVITATION = `EXISTS (SELECT 1 FROM waitlist_invitation i WHERE i.booking_id = b.id AND i.status = 'booked')`;
// A phone booking's confirmation; an invitation booked for a letter gets the invitation letter instead.
const DUE = `b.status = 'active' AND b.channel = 'phone' AND p.letter AND ${ADDRESSED} AND NOT ${INVITATION}`;
const INVITATION_DUE = `b.status = 'active' AND ${ADDRESSED} AND ${INVITATION}`;

/** A supply drop's "moved" letter, while the booking still sits on the pair the letter names. */
const MOVED_DUE = `b.status = 'active' AND l.first_slot_id = b.first_slot_id
  AND p.name IS NOT NULL AND p.street IS NOT NULL AND p.city IS NOT NULL`;

interface Row extends Record<string, unknown> {
  kind: "confirmation" | "moved" | "invitation";
  language: string | null;
  code: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  centre_id: number;
  first_starts_at: Date | string;
  second_starts_at: Date | string;
}

export class SqlLetterStore implements LetterStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async gather(day: string): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO letter_item (booking_id, first_slot_id, kind, batch_day)
       SELECT b.id, b.first_slot_id, 'confirmation', $1::date
         FROM booking b JOIN person p ON p.id = b.person_id
        WHERE ${DUE}
       ON CONFLICT DO NOTHING RETURNING booking_id`,
      [day],
    );
    const invitations = await this.db.query(
      `INSERT INTO letter_item (booking_id, first_slot_id, kind, batch_day)
       SELECT b.id, b.first_slot_id, 'invitation', $1::date
         FROM booking b JOIN person p ON p.id = b.person_id
        WHERE ${INVITATION_DUE}
       ON CONFLICT DO NOTHING RETURNING booking_id`,
      [day],
    );
    return rows.length + invitations.length;
  }

  async batch(day: string): Promise<LetterRow[]> {
    const rows = await this.db.query<Row>(
      `SELECT l.kind, e.language, b.code, p.name, p.street, p.postcode, p.city, f.centre_id,
              f.starts_at AS first_starts_at, s.starts_at AS second_starts_at
         FROM letter_item l
         JOIN booking b ON b.id = l.booking_id
         JOIN person p ON p.id = b.person_id
         JOIN slot f ON f.id = l.first_slot_id
         JOIN slot s ON s.id = b.second_slot_id
         LEFT JOIN waitlist_invitation i ON i.booking_id = b.id AND i.status = 'booked' AND l.kind = 'invitation'
         LEFT JOIN waitlist_entry e ON e.id = i.entry_id
        WHERE l.batch_day = $1::date
          AND ((l.kind = 'confirmation' AND ${DUE}) OR (l.kind = 'moved' AND ${MOVED_DUE})
               OR (l.kind = 'invitation' AND ${INVITATION_DUE}))
        ORDER BY p.postcode, b.id`,
      [day],
    );
    return rows.map((r) => ({
      kind: r.kind,
      language: r.language ?? "de",
      code: r.code,
      name: r.name,
      street: r.street,
      postcode: r.postcode,
      city: r.city,
      centreId: r.centre_id,
      firstStartsAt: new Date(r.first_starts_at),
      secondStartsAt: new Date(r.second_starts_at),
    }));
  }

  async waitingForDetails(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking b JOIN person p ON p.id = b.person_id
        WHERE b.status = 'active' AND b.channel = 'phone' AND p.letter
          AND (p.name IS NULL OR p.street IS NULL OR p.city IS NULL)`,
    );
    return row?.n ?? 0;
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ($1, $2, $3::jsonb)`, [
      agentId,
      action,
      JSON.stringify(details),
    ]);
  }
}
