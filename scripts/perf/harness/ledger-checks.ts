// The ledger's invariants, read straight from the tables after a run (the same checks as
// ledgerViolations() in ivr/test/support/scenario.ts), and what callers heard held against the
// database: every booking heard confirmed is active, every callback heard registered exists.
import pg from "pg";
import { sleep } from "./command.ts";

export interface LedgerCheck {
  /** Slots with booked + held > capacity (or a counter below 0). */
  overCapacity: number;
  /** Slots whose booked or held counter differs from the active bookings or holds naming them. */
  countMismatch: number;
  /** Bookings whose first slot's partner is not their second slot: half or mixed pairs. */
  halfPairs: number;
  personsWithTwoBookings: number;
  /** overCapacity + countMismatch + halfPairs: the "overbooked" number the benches print. */
  overbooked: number;
  activeBookings: number;
  holds: number;
}

export async function checkLedger(db: pg.ClientBase | pg.Pool): Promise<LedgerCheck> {
  const { rows } = await db.query<Omit<LedgerCheck, "overbooked">>(`
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
           (SELECT count(*)::int FROM hold) AS holds`);
  const r = rows[0]!;
  return { ...r, overbooked: r.overCapacity + r.countMismatch + r.halfPairs };
}

export function newPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined); // an idle client lost (PostgreSQL restarted): the next query reconnects
  return pool;
}

/** What the callers of a run heard, for verifyHeard(). */
export interface Heard {
  bookedCodes: string[];
  callbackPhones: string[];
  /** Numbers left with the fallback: journaled while the database was down, replayed later. */
  fallbackPhones: string[];
}

export interface Verification extends LedgerCheck {
  /** overbooked + personsWithTwoBookings. */
  doubleBookings: number;
  confirmedHeard: number;
  confirmedMissing: string[];
  callbacksHeard: number;
  callbacksMissing: string[];
  fallbackCallbacksHeard: number;
  fallbackCallbacksMissing: string[];
  /** Active bookings no caller heard confirmed (e.g. an answer lost with a killed process). */
  unheardBookings: number;
}

export async function verifyHeard(pool: pg.Pool, heard: Heard, waitForFallbackSeconds = 0): Promise<Verification> {
  const check = await checkLedger(pool);
  const codes = heard.bookedCodes;
  // Callers note the code as the menu reads it (its keypad digits) or as written.
  const active = await pool.query<{ code: string; keypad_code: string }>(
    "SELECT code, keypad_code FROM booking WHERE status = 'active' AND (code = ANY($1::text[]) OR keypad_code = ANY($1::text[]))",
    [codes],
  );
  const found = new Set(active.rows.flatMap((r) => [r.code.trim(), r.keypad_code.trim()]));
  const present = async (phones: string[]) =>
    new Set(
      (
        await pool.query<{ phone: string }>(
          "SELECT DISTINCT phone FROM callback_request WHERE phone = ANY($1::text[])",
          [phones],
        )
      ).rows.map((r) => r.phone),
    );
  const callbacks = await present(heard.callbackPhones);
  // The fallback journal is replayed every 5 s once the database answers: wait for it, bounded.
  let fallback = await present(heard.fallbackPhones);
  const deadline = Date.now() + waitForFallbackSeconds * 1000;
  while (fallback.size < new Set(heard.fallbackPhones).size && Date.now() < deadline) {
    await sleep(1_000);
    fallback = await present(heard.fallbackPhones);
  }
  return {
    ...check,
    doubleBookings: check.overbooked + check.personsWithTwoBookings,
    confirmedHeard: codes.length,
    confirmedMissing: codes.filter((c) => !found.has(c)),
    callbacksHeard: heard.callbackPhones.length,
    callbacksMissing: heard.callbackPhones.filter((p) => !callbacks.has(p)),
    fallbackCallbacksHeard: heard.fallbackPhones.length,
    fallbackCallbacksMissing: heard.fallbackPhones.filter((p) => !fallback.has(p)),
    unheardBookings: Math.max(0, check.activeBookings - new Set(codes).size),
  };
}
