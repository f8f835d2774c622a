// The ledger's invariants after a run (the hotline's own audit), and what callers heard held
// against the database: every booking heard confirmed is active, every callback heard registered exists.
import pg from "pg";
import { auditLedger } from "../../../ivr/src/adapters/db/ledger-audit.ts";
import { sleep } from "./command.ts";

export const checkLedger = (db: pg.ClientBase | pg.Pool) => auditLedger(async (sql) => (await db.query(sql)).rows);

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

export async function verifyHeard(pool: pg.Pool, heard: Heard, waitForFallbackSeconds = 0) {
  const check = await checkLedger(pool);
  const codes = heard.bookedCodes;
  // Callers note the code as the menu reads it (its keypad digits) or as written.
  const active = await pool.query<{ code: string; keypad_code: string }>(
    "SELECT code, keypad_code FROM booking WHERE status = 'active' AND (code = ANY($1::text[]) OR keypad_code = ANY($1::text[]))",
    [codes],
  );
  const found = new Set(active.rows.flatMap((r) => [r.code.trim(), r.keypad_code.trim()]));
  const present = async (phones: string[]) => {
    const sql = "SELECT DISTINCT phone FROM callback_request WHERE phone = ANY($1::text[])";
    return new Set((await pool.query<{ phone: string }>(sql, [phones])).rows.map((r) => r.phone));
  };
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
    // Active bookings no caller heard confirmed (e.g. an answer lost with a killed process).
    unheardBookings: Math.max(0, check.activeBookings - new Set(codes).size),
  };
}
