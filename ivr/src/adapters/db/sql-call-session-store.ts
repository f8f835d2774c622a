// Call sessions in the database: one row per call, saved with an optimistic version check
// so two webhooks of the same call can never interleave their state. Every webhook reads and
// writes this row, so it goes straight through the driver rather than Prisma, as prepared
// statements.
import type { CallSessionStore, StoredSession } from "../../call-flow/session-store.ts";
import type { CallState } from "../../call-flow/types.ts";
import type { Database } from "./open-database.ts";

interface Row extends Record<string, unknown> {
  state: CallState | string;
  version: number;
  last_request_key: string | null;
  last_response: string | null;
  ended_at: Date | null;
}

export class SqlCallSessionStore implements CallSessionStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async load(callSid: string): Promise<StoredSession | null> {
    const [row] = await this.db.query<Row>(
      "SELECT state, version, last_request_key, last_response, ended_at FROM call_session WHERE call_sid = $1",
      [callSid],
      "call_session_load",
    );
    if (!row) return null;
    return {
      state: typeof row.state === "string" ? (JSON.parse(row.state) as CallState) : row.state,
      version: row.version,
      lastRequestKey: row.last_request_key,
      lastResponse: row.last_response,
      endedAt: row.ended_at,
    };
  }

  async save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean> {
    const json = JSON.stringify(state);
    const rows =
      expectedVersion === null
        ? await this.db.query(
            `INSERT INTO call_session (call_sid, step, language, state, version, last_request_key, last_response)
             VALUES ($1, $2, $3, $4::jsonb, 1, $5, $6) ON CONFLICT (call_sid) DO NOTHING RETURNING 1 AS ok`,
            [state.callSid, state.step, state.language, json, requestKey, response],
            "call_session_insert",
          )
        : await this.db.query(
            `UPDATE call_session SET step = $2, language = $3, state = $4::jsonb, version = version + 1,
                    last_request_key = $5, last_response = $6, updated_at = now()
              WHERE call_sid = $1 AND version = $7 RETURNING 1 AS ok`,
            [state.callSid, state.step, state.language, json, requestKey, response, expectedVersion],
            "call_session_update",
          );
    return rows.length === 1;
  }

  async end(callSid: string, at: Date): Promise<void> {
    await this.db.query("UPDATE call_session SET ended_at = $2 WHERE call_sid = $1 AND ended_at IS NULL", [callSid, at], "call_session_end");
  }
}
