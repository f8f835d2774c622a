// Call sessions in the database: one row per call, saved with an optimistic version check
// so two webhooks of the same call can never interleave their state.
import type { CallSessionStore, StoredSession } from "../../call-flow/session-store.ts";
import type { CallState } from "../../call-flow/types.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

interface Row {
  state: CallState | string;
  version: number;
  last_request_key: string | null;
  last_response: string | null;
  ended_at: Date | null;
}

export class PrismaCallSessionStore implements CallSessionStore {
  constructor(private readonly prisma: PrismaClient) {}

  async load(callSid: string): Promise<StoredSession | null> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT state, version, last_request_key, last_response, ended_at FROM call_session WHERE call_sid = ${callSid}`;
    const row = rows[0];
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
    const count =
      expectedVersion === null
        ? await this.prisma.$executeRaw`
            INSERT INTO call_session (call_sid, step, language, state, version, last_request_key, last_response)
            VALUES (${state.callSid}, ${state.step}, ${state.language}, ${json}::jsonb, 1, ${requestKey}, ${response})
            ON CONFLICT (call_sid) DO NOTHING`
        : await this.prisma.$executeRaw`
            UPDATE call_session SET step = ${state.step}, language = ${state.language}, state = ${json}::jsonb,
                   version = version + 1, last_request_key = ${requestKey}, last_response = ${response}, updated_at = now()
             WHERE call_sid = ${state.callSid} AND version = ${expectedVersion}::int`;
    return count === 1;
  }

  async end(callSid: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE call_session SET ended_at = ${at}::timestamptz WHERE call_sid = ${callSid} AND ended_at IS NULL`;
  }
}
