// The ledger's invariants, read straight from the tables: no slot holds more than its capacity,
// every slot's counters match the bookings and holds naming it, every booking is a first dose
// with its own partner. The ledger keeps them in one transaction per change; this is the
// independent look an operator (the hourly job), the tests and the fault scripts take.
import type { Database } from "./open-database.ts";

const AUDIT = `
  WITH refs AS (
    SELECT first_slot_id AS slot_id FROM booking WHERE status = 'active'
    UNION ALL SELECT second_slot_id FROM booking WHERE status = 'active'
  ), booked AS (SELECT slot_id, count(*) AS n FROM refs GROUP BY slot_id),
  held AS (
    SELECT slot_id, count(*) AS n FROM (SELECT first_slot_id AS slot_id FROM hold UNION ALL SELECT second_slot_id FROM hold) h
     GROUP BY slot_id
  )
  SELECT (SELECT count(*)::int FROM slot WHERE booked + held > capacity OR booked < 0 OR held < 0) AS "overCapacity",
         (SELECT count(*)::int FROM slot s LEFT JOIN booked b ON b.slot_id = s.id LEFT JOIN held h ON h.slot_id = s.id
           WHERE s.booked <> COALESCE(b.n, 0) OR s.held <> COALESCE(h.n, 0)) AS "countMismatch",
         (SELECT count(*)::int FROM booking b JOIN slot f ON f.id = b.first_slot_id
           WHERE f.partner_id IS DISTINCT FROM b.second_slot_id OR f.dose <> 1) AS "halfPairs",
         (SELECT count(*)::int FROM (SELECT person_id FROM booking WHERE status = 'active'
           GROUP BY person_id HAVING count(*) > 1) x) AS "personsWithTwoBookings",
         (SELECT count(*)::int FROM booking WHERE status = 'active') AS "activeBookings",
         (SELECT count(*)::int FROM hold) AS holds`;

export interface LedgerAudit {
  /** Slots with booked + held > capacity (or a counter below 0). */
  overCapacity: number;
  /** Slots whose booked or held counter differs from the active bookings or holds naming them. */
  countMismatch: number;
  /** Bookings whose first slot's partner is not their second slot: half or mixed pairs. */
  halfPairs: number;
  personsWithTwoBookings: number;
  activeBookings: number;
  holds: number;
  /** overCapacity + countMismatch + halfPairs: what must always be 0. */
  overbooked: number;
}

/** `query` runs SQL and returns its rows: the hotline's Database, or a plain pg pool's. */
export async function auditLedger(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<LedgerAudit> {
  const r = (await query(AUDIT))[0] as Omit<LedgerAudit, "overbooked">;
  return { ...r, overbooked: r.overCapacity + r.countMismatch + r.halfPairs };
}

export const auditDatabase = (db: Pick<Database, "query">) => auditLedger((sql) => db.query(sql));
