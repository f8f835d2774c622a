// The centre's day in SQL. A booking's appointment of dose 1 is its first slot, of dose 2 its
// second; both at the centre named, so one centre's query never reaches another's rows.
import {
  NEEDS,
  type AttendanceMark,
  type CentreDayStore,
  type DayCounts,
  type DayEntry,
  type DayFigures,
  type Dose,
} from "../../domain/centre-day/centre-day-store.ts";
import type { Database } from "./open-database.ts";

/** Active bookings' appointments: one row per booking and dose, with the slot it is in. */
const APPOINTMENTS = `(
  SELECT b.id AS booking_id, 1 AS dose, b.first_slot_id AS slot_id, b.person_id, b.code FROM booking b WHERE b.status = 'active'
  UNION ALL
  SELECT b.id, 2, b.second_slot_id, b.person_id, b.code FROM booking b WHERE b.status = 'active')`;

interface EntryRow extends Record<string, unknown> {
  booking_id: number;
  code: string;
  dose: number;
  starts_at: Date | string;
  name: string | null;
  birth_date: string;
  status: string | null;
  wheelchair: boolean | null;
  companion: boolean | null;
  interpreter: boolean | null;
}

export class SqlCentreDayStore implements CentreDayStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async entries(centreId: number, from: Date, to: Date): Promise<DayEntry[]> {
    const rows = await this.db.query<EntryRow>(
      `SELECT ap.booking_id, ap.code, ap.dose, s.starts_at, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
              a.status, w.wheelchair, w.companion, w.interpreter
         FROM slot s
         JOIN ${APPOINTMENTS} ap ON ap.slot_id = s.id
         JOIN person p ON p.id = ap.person_id
         LEFT JOIN attendance a ON a.booking_id = ap.booking_id AND a.dose = ap.dose
         -- Needs are recorded on the waiting list only: the entry whose invitation became this booking.
         LEFT JOIN LATERAL (
           SELECT e.wheelchair, e.companion, e.interpreter
             FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
            WHERE i.booking_id = ap.booking_id
            ORDER BY i.id DESC LIMIT 1) w ON TRUE
        WHERE s.centre_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
        ORDER BY s.starts_at, p.name, ap.booking_id`,
      [centreId, from, to],
    );
    return rows.map((r) => ({
      bookingId: r.booking_id,
      code: r.code,
      dose: r.dose as Dose,
      startsAt: new Date(r.starts_at),
      name: r.name,
      birthDate: r.birth_date,
      needs: NEEDS.filter((n) => r[n] === true),
      attendance: r.status === "attended" || r.status === "no-show" ? r.status : null,
    }));
  }

  async mark(m: AttendanceMark): Promise<boolean> {
    // One statement: the mark, the rebooking call of a missed first dose (or its withdrawal)
    // and the audit entry happen together or not at all. A call already made stays as it is.
    const [row] = await this.db.query<{ found: number }>(
      `WITH target AS (
         SELECT b.id FROM booking b
           JOIN slot s ON s.id = CASE WHEN $3::int = 1 THEN b.first_slot_id ELSE b.second_slot_id END
          WHERE b.id = $1 AND b.status = 'active' AND s.centre_id = $2
       ), put AS (
         INSERT INTO attendance (booking_id, dose, status, marked_by, marked_at)
         SELECT id, $3::int, $4::text, $5, $6 FROM target WHERE $4::text IS NOT NULL
         ON CONFLICT (booking_id, dose) DO UPDATE
           SET status = EXCLUDED.status, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at
         RETURNING booking_id
       ), undo AS (
         DELETE FROM attendance WHERE booking_id IN (SELECT id FROM target) AND dose = $3::int AND $4::text IS NULL
         RETURNING booking_id
       ), task AS (
         INSERT INTO rebook_call (booking_id, created_at)
         SELECT id, $6 FROM target WHERE $3::int = 1 AND $4::text = 'no-show'
         ON CONFLICT (booking_id) DO NOTHING
         RETURNING booking_id
       ), untask AS (
         DELETE FROM rebook_call
          WHERE booking_id IN (SELECT id FROM target) AND $3::int = 1 AND $4::text IS DISTINCT FROM 'no-show'
            AND status = 'pending'
         RETURNING booking_id
       ), audit AS (
         INSERT INTO supervisor_action (agent_id, action, details, at)
         SELECT $5, 'attendance.mark',
                jsonb_build_object('centreId', $2::int, 'bookingId', id, 'dose', $3::int, 'attendance', $4::text), $6
           FROM target
         RETURNING id
       )
       SELECT (SELECT count(*)::int FROM target) AS found,
              (SELECT count(*)::int FROM put) + (SELECT count(*)::int FROM undo)
            + (SELECT count(*)::int FROM task) + (SELECT count(*)::int FROM untask)
            + (SELECT count(*)::int FROM audit) AS written`,
      [m.bookingId, m.centreId, m.dose, m.attendance, m.by, m.at],
    );
    return (row?.found ?? 0) > 0;
  }

  async counts(from: Date, to: Date, centreId?: number): Promise<DayCounts[]> {
    const rows = await this.db.query<{ centre_id: number; booked: number; attended: number; no_shows: number }>(
      `SELECT s.centre_id, count(*)::int AS booked,
              count(*) FILTER (WHERE a.status = 'attended')::int AS attended,
              count(*) FILTER (WHERE a.status = 'no-show')::int AS no_shows
         FROM slot s
         JOIN ${APPOINTMENTS} ap ON ap.slot_id = s.id
         LEFT JOIN attendance a ON a.booking_id = ap.booking_id AND a.dose = ap.dose
        WHERE s.starts_at >= $1 AND s.starts_at < $2 AND ($3::int IS NULL OR s.centre_id = $3::int)
        GROUP BY s.centre_id ORDER BY s.centre_id`,
      [from, to, centreId ?? null],
    );
    return rows.map((r) => ({
      centreId: r.centre_id,
      booked: r.booked,
      attended: r.attended,
      noShows: r.no_shows,
      open: r.booked - r.attended - r.no_shows,
    }));
  }

  async figures(centreId: number, day: string, from: Date, to: Date): Promise<DayFigures> {
    const [row] = await this.db.query<{
      first: number;
      second: number;
      no_shows: number;
      standby: number;
      wasted: number;
    }>(
      `SELECT count(*) FILTER (WHERE a.status = 'attended' AND ap.dose = 1)::int AS first,
              count(*) FILTER (WHERE a.status = 'attended' AND ap.dose = 2)::int AS second,
              count(*) FILTER (WHERE a.status = 'no-show')::int AS no_shows,
              coalesce((SELECT doses_wasted FROM centre_day_report WHERE centre_id = $1 AND day = $4::date), 0) AS wasted,
              -- Left-over doses only: a freed pair offered again is a booked appointment, not an extra dose.
              coalesce((SELECT sum(used) FROM standby_offer
                         WHERE centre_id = $1 AND first_slot_id IS NULL AND created_at >= $2 AND created_at < $3), 0)::int AS standby
         FROM slot s
         JOIN ${APPOINTMENTS} ap ON ap.slot_id = s.id
         LEFT JOIN attendance a ON a.booking_id = ap.booking_id AND a.dose = ap.dose
        WHERE s.centre_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3`,
      [centreId, from, to, day],
    );
    return {
      firstDosesGiven: row?.first ?? 0,
      secondDosesGiven: row?.second ?? 0,
      noShows: row?.no_shows ?? 0,
      standbyDosesUsed: row?.standby ?? 0,
      dosesWasted: row?.wasted ?? 0,
    };
  }

  async setWasted(centreId: number, day: string, doses: number, by: string, at: Date): Promise<void> {
    await this.db.query(
      `WITH put AS (
         INSERT INTO centre_day_report (centre_id, day, doses_wasted, updated_by, updated_at)
         VALUES ($1, $2::date, $3, $4, $5)
         ON CONFLICT (centre_id, day) DO UPDATE
           SET doses_wasted = EXCLUDED.doses_wasted, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING centre_id)
       INSERT INTO supervisor_action (agent_id, action, details, at)
       SELECT $4, 'centre_day.wasted', jsonb_build_object('centreId', $1::int, 'day', $2::text, 'doses', $3::int), $5
         FROM put`,
      [centreId, day, doses, by, at],
    );
  }

  async pendingRebookCalls(): Promise<number[]> {
    const rows = await this.db.query<{ booking_id: number }>(
      `SELECT booking_id FROM rebook_call WHERE status = 'pending' ORDER BY created_at, booking_id`,
    );
    return rows.map((r) => r.booking_id);
  }
}
