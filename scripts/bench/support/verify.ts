// The ledger's invariants, checked over the whole database after each phase. Any non-zero
// count is a broken ledger.
import type pg from "pg";

export interface LedgerCheck {
  /** Slots with booked + held > capacity. */
  overCapacity: number;
  /** Slots whose booked counter differs from the active bookings referencing them. */
  counterMismatch: number;
  /** Bookings whose first slot's partner is not their second slot (half or mixed pairs). */
  brokenPairs: number;
  /** The sum of the three: the "overbooked" number printed. */
  overbooked: number;
  activeBookings: number;
}

export async function checkLedger(db: pg.ClientBase): Promise<LedgerCheck> {
  const { rows } = await db.query<Omit<LedgerCheck, "overbooked">>(`
    WITH refs AS (
      SELECT first_slot_id AS slot_id FROM booking WHERE status = 'active'
      UNION ALL
      SELECT second_slot_id FROM booking WHERE status = 'active'
    ), per_slot AS (
      SELECT slot_id, count(*)::int AS n FROM refs GROUP BY slot_id
    )
    SELECT
      (SELECT count(*)::int FROM slot WHERE booked + held > capacity) AS "overCapacity",
      (SELECT count(*)::int FROM slot s LEFT JOIN per_slot p ON p.slot_id = s.id
        WHERE s.booked <> COALESCE(p.n, 0)) AS "counterMismatch",
      (SELECT count(*)::int FROM booking b JOIN slot f ON f.id = b.first_slot_id
        WHERE f.partner_id IS DISTINCT FROM b.second_slot_id) AS "brokenPairs",
      (SELECT count(*)::int FROM booking WHERE status = 'active') AS "activeBookings"`);
  const r = rows[0]!;
  return { ...r, overbooked: r.overCapacity + r.counterMismatch + r.brokenPairs };
}
