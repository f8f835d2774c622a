// Attempt counts in PostgreSQL (or PGlite), so that every server process shares them: a limit
// kept per process would let an attacker multiply it by spreading requests over the processes.
// Each operation is one statement; a hit is an upsert that starts a new window when the old one
// has run out.
import {
  emptyState,
  type AttemptCounter,
  type CounterState,
  type CounterWindow,
} from "../../domain/limits/attempt-counter.ts";
import type { Database } from "./open-database.ts";

interface Row extends Record<string, unknown> {
  key: string;
  count: number;
  last_at: Date;
  expires_at: Date;
}

// $2 is "now". A window that has run out starts again at 1; a sliding one moves its end with
// every attempt, a fixed one keeps it.
const HIT = `
  INSERT INTO attempt_counter AS c (key, count, window_start, last_at, expires_at, sliding)
  SELECT v.key, 1, $2::timestamptz, $2::timestamptz, $2::timestamptz + v.seconds * interval '1 second', v.sliding
    FROM unnest($1::text[], $3::int[], $4::bool[]) AS v(key, seconds, sliding)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN c.expires_at <= EXCLUDED.last_at THEN 1 ELSE c.count + 1 END,
    window_start = CASE WHEN c.expires_at <= EXCLUDED.last_at THEN EXCLUDED.last_at ELSE c.window_start END,
    last_at = EXCLUDED.last_at,
    expires_at = CASE WHEN EXCLUDED.sliding OR c.expires_at <= EXCLUDED.last_at THEN EXCLUDED.expires_at ELSE c.expires_at END,
    sliding = EXCLUDED.sliding
  RETURNING key, count, last_at, expires_at`;
const PEEK =
  "SELECT key, count, last_at, expires_at FROM attempt_counter WHERE key = ANY($1::text[]) AND expires_at > $2::timestamptz";
const UNDO = "UPDATE attempt_counter SET count = count - 1 WHERE key = ANY($1::text[]) AND count > 0";
const CLEAR = "DELETE FROM attempt_counter WHERE key = ANY($1::text[])";
const SWEEP = "DELETE FROM attempt_counter WHERE expires_at <= $1::timestamptz RETURNING key";

export class SqlAttemptCounter implements AttemptCounter {
  constructor(private readonly db: Pick<Database, "query">) {}

  async hit(windows: CounterWindow[], now: Date): Promise<CounterState[]> {
    if (windows.length === 0) return [];
    // One row cannot be upserted twice by one statement: a key given twice is counted once.
    const distinct = [...new Map(windows.map((w) => [w.key, w])).values()];
    const rows = await this.db.query<Row>(
      HIT,
      [distinct.map((w) => w.key), now, distinct.map((w) => Math.ceil(w.seconds)), distinct.map((w) => w.sliding)],
      "attempt_counter_hit",
    );
    return inOrder(
      windows.map((w) => w.key),
      rows,
    );
  }

  async peek(keys: string[], now: Date): Promise<CounterState[]> {
    if (keys.length === 0) return [];
    return inOrder(keys, await this.db.query<Row>(PEEK, [keys, now], "attempt_counter_peek"));
  }

  async undo(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.query(UNDO, [keys], "attempt_counter_undo");
  }

  async clear(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.query(CLEAR, [keys], "attempt_counter_clear");
  }

  async sweep(now: Date): Promise<number> {
    return (await this.db.query(SWEEP, [now], "attempt_counter_sweep")).length;
  }
}

function inOrder(keys: string[], rows: Row[]): CounterState[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((key) => {
    const row = byKey.get(key);
    return row
      ? { key, count: row.count, lastAt: new Date(row.last_at), expiresAt: new Date(row.expires_at) }
      : emptyState(key);
  });
}
