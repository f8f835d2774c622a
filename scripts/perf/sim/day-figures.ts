// The last line of simulate:day, every number read from the database.
import type pg from "pg";
import { round } from "../harness/stats.ts";

export async function dayFigures(admin: pg.Client) {
  const q = async (sql: string) => Number(Object.values((await admin.query(sql)).rows[0] ?? { n: 0 })[0] ?? 0);
  const standbyOffered = await q(`SELECT coalesce(sum(doses), 0)::int FROM standby_offer`);
  // A call is one person called about an offer; retries when nobody answered are not counted.
  const standbyCalls = await q(`SELECT count(*)::int FROM outbound_call WHERE kind = 'standby' AND attempts > 0`);
  return {
    reminders: await q(`SELECT count(*)::int FROM reminder`),
    confirmed: await q(`SELECT count(*)::int FROM reminder WHERE status = 'confirmed'`),
    cancelled: await q(`SELECT count(*)::int FROM reminder WHERE status = 'cancelled'`),
    freedPairsRebooked: await q(
      `SELECT coalesce(sum(used), 0)::int FROM standby_offer WHERE first_slot_id IS NOT NULL`,
    ),
    noShows: await q(`SELECT count(*)::int FROM attendance WHERE status = 'no-show'`),
    leftoverDoses: await q(`SELECT coalesce(sum(doses), 0)::int FROM standby_offer WHERE first_slot_id IS NULL`),
    leftoverUsed: await q(`SELECT coalesce(sum(used), 0)::int FROM standby_offer WHERE first_slot_id IS NULL`),
    wastedDoses: await q(`SELECT coalesce(sum(doses_wasted), 0)::int FROM centre_day_report`),
    callsPerDoseOffered: standbyOffered === 0 ? 0 : round(standbyCalls / standbyOffered, 2),
    moved: await q(`SELECT count(*)::int FROM supply_move_notice`),
    // A given first dose whose second is gone: booking cancelled, second slot cut to nothing, or
    // moved out of the vaccine's interval (up to the largest allowed shift, 21 days).
    secondDoseOrphans: await q(
      `SELECT count(*)::int FROM booking b
         JOIN attendance a ON a.booking_id = b.id AND a.dose = 1 AND a.status = 'attended'
         JOIN slot f ON f.id = b.first_slot_id JOIN vaccine v ON v.id = f.vaccine_id
         LEFT JOIN slot p ON p.id = b.second_slot_id
        WHERE b.status <> 'active' OR p.id IS NULL OR p.capacity < 1 OR p.booked > p.capacity
           OR p.starts_at < f.starts_at + make_interval(days => v.second_dose_after_days)
           OR p.starts_at > f.starts_at + make_interval(days => v.second_dose_after_days + 21)`,
    ),
  };
}
