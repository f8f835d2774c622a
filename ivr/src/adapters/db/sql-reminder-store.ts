// Reminders in SQL. The insert is one statement with ON CONFLICT DO NOTHING on (booking, dose):
// two processes running the reminder job at once insert each appointment once between them,
// and each learns which rows were its own. Same SQL on PostgreSQL and PGlite.
import type {
  DueAppointment,
  ReminderRecord,
  ReminderStatus,
  ReminderStore,
} from "../../domain/reminders/reminder-store.ts";
import type { Database } from "./open-database.ts";

type Row = Record<string, unknown>;

/**
 * The language to remind in: the phone menu's when the person booked by phone (person.language),
 * else the waiting list's for a booking from an invitation or a standby call, else German.
 * `p` is the booking's person.
 */
const languageOf = (bookingId: string) => `coalesce(p.language,
                (SELECT e.language FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
                  WHERE i.booking_id = ${bookingId} ORDER BY i.id DESC LIMIT 1),
                (SELECT e.language FROM standby_call c JOIN waitlist_entry e ON e.id = c.entry_id
                  WHERE c.booking_id = ${bookingId} ORDER BY c.answered_at DESC LIMIT 1),
                'de')`;

export class SqlReminderStore implements ReminderStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async dueAppointments(from: Date, to: Date, limit: number): Promise<DueAppointment[]> {
    const rows = await this.db.query(
      `SELECT ap.booking_id, ap.dose, s.starts_at, s.centre_id, p.phone,
              ${languageOf("ap.booking_id")} AS language
         FROM (SELECT id AS booking_id, 1 AS dose, first_slot_id AS slot_id, person_id FROM booking WHERE status = 'active'
               UNION ALL
               SELECT id, 2, second_slot_id, person_id FROM booking WHERE status = 'active') ap
         JOIN slot s ON s.id = ap.slot_id
         JOIN person p ON p.id = ap.person_id
        WHERE s.starts_at >= $1 AND s.starts_at < $2 AND p.phone IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.booking_id = ap.booking_id AND r.dose = ap.dose)
        ORDER BY s.starts_at, ap.booking_id LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({
      bookingId: Number(r.booking_id),
      dose: Number(r.dose) as 1 | 2,
      startsAt: new Date(r.starts_at as string),
      centreId: Number(r.centre_id),
      phone: String(r.phone),
      language: String(r.language),
    }));
  }

  async plannedCalls(from: Date, to: Date, limit: number): Promise<DueAppointment[]> {
    const rows = await this.db.query(
      `SELECT r.booking_id, r.dose, s.starts_at, s.centre_id, p.phone,
              ${languageOf("r.booking_id")} AS language
         FROM reminder r JOIN booking b ON b.id = r.booking_id AND b.status = 'active'
         JOIN slot s ON s.id = CASE WHEN r.dose = 1 THEN b.first_slot_id ELSE b.second_slot_id END
         JOIN person p ON p.id = b.person_id
        WHERE r.channel = 'call' AND r.status = 'planned' AND r.appointment_at >= $1 AND r.appointment_at < $2
          AND p.phone IS NOT NULL
        ORDER BY r.appointment_at, r.booking_id LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({
      bookingId: Number(r.booking_id),
      dose: Number(r.dose) as 1 | 2,
      startsAt: new Date(r.starts_at as string),
      centreId: Number(r.centre_id),
      phone: String(r.phone),
      language: String(r.language),
    }));
  }

  async insert(rows: Omit<ReminderRecord, "status">[], now: Date): Promise<{ bookingId: number; dose: 1 | 2 }[]> {
    if (rows.length === 0) return [];
    const inserted = await this.db.query(
      `INSERT INTO reminder (booking_id, dose, appointment_at, channel, created_at)
       SELECT r.booking_id, r.dose, r.appointment_at, r.channel, $5
         FROM unnest($1::int[], $2::smallint[], $3::timestamptz[], $4::text[]) AS r(booking_id, dose, appointment_at, channel)
       ON CONFLICT (booking_id, dose) DO NOTHING RETURNING booking_id, dose`,
      [
        rows.map((r) => r.bookingId),
        rows.map((r) => r.dose),
        rows.map((r) => r.appointmentAt.toISOString()),
        rows.map((r) => r.channel),
        now,
      ],
    );
    return inserted.map((r) => ({ bookingId: Number(r.booking_id), dose: Number(r.dose) as 1 | 2 }));
  }

  async find(bookingId: number, dose: number): Promise<ReminderRecord | null> {
    const rows = await this.db.query(
      `SELECT booking_id, dose, appointment_at, channel, status FROM reminder WHERE booking_id = $1 AND dose = $2`,
      [bookingId, dose],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async setStatus(bookingId: number, dose: number, status: ReminderStatus, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE reminder SET status = $3, answered_at = CASE WHEN $3 IN ('sent', 'unreached') THEN answered_at ELSE $4 END
        WHERE booking_id = $1 AND dose = $2`,
      [bookingId, dose, status, at],
    );
  }
}

function toRecord(r: Row): ReminderRecord {
  return {
    bookingId: Number(r.booking_id),
    dose: Number(r.dose) as 1 | 2,
    appointmentAt: new Date(r.appointment_at as string),
    channel: r.channel as ReminderRecord["channel"],
    status: r.status as ReminderStatus,
  };
}
