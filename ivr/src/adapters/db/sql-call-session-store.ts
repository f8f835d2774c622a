// Call sessions in the database: one row per call, saved with an optimistic version check
// so two webhooks of the same call can never interleave their state. Every webhook reads and
// writes this row, so it goes straight through the driver rather than Prisma, as prepared
// statements.
import type { CallSessionStore, StoredSession } from "../../call-flow/session-store.ts";
import type { CallState } from "../../call-flow/types.ts";
import type { Database } from "./open-database.ts";
import { TickBatcher } from "./tick-batcher.ts";

interface Row extends Record<string, unknown> {
  call_sid: string;
  state: CallState | string;
  version: number;
  last_request_key: string | null;
  last_response: string | null;
  ended_at: Date | null;
}

interface Update {
  state: CallState;
  json: string;
  expectedVersion: number;
  requestKey: string;
  response: string;
}

const LOAD_MANY =
  "SELECT call_sid, state, version, last_request_key, last_response, ended_at FROM call_session WHERE call_sid = ANY($1::text[])";
const INSERT_MANY = `
  INSERT INTO call_session (call_sid, step, language, state, version, last_request_key, last_response)
  SELECT call_sid, step, language, state::json, 1, request_key, response
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS v(call_sid, step, language, state, request_key, response)
  ON CONFLICT (call_sid) DO NOTHING
  RETURNING call_sid`;
const UPDATE_MANY = `
  UPDATE call_session AS c
     SET step = v.step, language = v.language, state = v.state::json, version = c.version + 1,
         last_request_key = v.request_key, last_response = v.response, updated_at = now()
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
         AS v(call_sid, step, language, state, request_key, response, version)
   WHERE c.call_sid = v.call_sid AND c.version = v.version
  RETURNING c.call_sid`;

/** Statements of one kind running at once; what arrives meanwhile waits and goes as one batch. */
const IN_FLIGHT = 2;

export class SqlCallSessionStore implements CallSessionStore {
  // Reads and writes of the webhooks that arrive close together share one statement (see
  // TickBatcher); alone, a webhook's read or write is a batch of one.
  private readonly loads = new TickBatcher<string, StoredSession | null>((sids) => this.loadMany(sids), IN_FLIGHT);
  private readonly updates = new TickBatcher<Update, boolean>((batch) => this.updateMany(batch), IN_FLIGHT);
  private readonly inserts = new TickBatcher<Omit<Update, "expectedVersion">, boolean>(
    (batch) => this.insertMany(batch),
    IN_FLIGHT,
  );

  constructor(private readonly db: Pick<Database, "keyedQuery">) {}

  load(callSid: string): Promise<StoredSession | null> {
    return this.loads.submit(callSid);
  }

  async save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean> {
    const json = JSON.stringify(state);
    if (expectedVersion !== null) return this.updates.submit({ state, json, expectedVersion, requestKey, response });
    return this.inserts.submit({ state, json, requestKey, response });
  }

  private async loadMany(sids: string[]): Promise<(StoredSession | null)[]> {
    const rows = await this.db.keyedQuery<Row>(LOAD_MANY, [[...new Set(sids)]], "call_session_load_many");
    const bySid = new Map(rows.map((r) => [r.call_sid, r]));
    const handedOut = new Set<string>();
    return sids.map((sid) => {
      const row = bySid.get(sid);
      if (!row) return null;
      const state = typeof row.state === "string" ? (JSON.parse(row.state) as CallState) : row.state;
      // Two webhooks of one call in the same batch must not share (and mutate) one state object.
      const own = handedOut.has(sid) ? structuredClone(state) : state;
      handedOut.add(sid);
      return {
        state: own,
        version: row.version,
        lastRequestKey: row.last_request_key,
        lastResponse: row.last_response,
        endedAt: row.ended_at,
      };
    });
  }

  private async insertMany(batch: Omit<Update, "expectedVersion">[]): Promise<boolean[]> {
    // A repeated first webhook in the same batch: a row cannot conflict with its own statement,
    // so only the first of a call goes in and the others lose, as they would alone.
    const first = firstOfEachCall(batch);
    const lead = [...first.values()].map((i) => batch[i]!);
    const rows = await this.db.keyedQuery<{ call_sid: string }>(
      INSERT_MANY,
      sessionColumns(lead),
      "call_session_insert_many",
    );
    const inserted = new Set(rows.map((r) => r.call_sid));
    return batch.map((u, i) => first.get(u.state.callSid) === i && inserted.has(u.state.callSid));
  }

  private async updateMany(batch: Update[]): Promise<boolean[]> {
    // One call twice in a batch (Twilio repeating a request at once): the first goes with the
    // batch, the others after it, one by one, so the version check decides between them as it
    // would alone.
    const first = firstOfEachCall(batch);
    const lead = [...first.values()].map((i) => batch[i]!);
    const rows = await this.db.keyedQuery<{ call_sid: string }>(
      UPDATE_MANY,
      [...sessionColumns(lead), lead.map((u) => u.expectedVersion)],
      "call_session_update_many",
    );
    const saved = new Set(rows.map((r) => r.call_sid));
    const results: boolean[] = [];
    for (let i = 0; i < batch.length; i++) {
      const u = batch[i]!;
      results.push(first.get(u.state.callSid) === i ? saved.has(u.state.callSid) : (await this.updateMany([u]))[0]!);
    }
    return results;
  }
}

/** Call SID → index of its first entry in a batch. */
function firstOfEachCall(batch: { state: CallState }[]): Map<string, number> {
  const first = new Map<string, number>();
  batch.forEach((u, i) => {
    if (!first.has(u.state.callSid)) first.set(u.state.callSid, i);
  });
  return first;
}

/** The columns both batch statements take first ($1..$6), one array per column. */
function sessionColumns(rows: Omit<Update, "expectedVersion">[]): string[][] {
  return [
    rows.map((u) => u.state.callSid),
    rows.map((u) => u.state.step),
    rows.map((u) => u.state.language),
    rows.map((u) => u.json),
    rows.map((u) => u.requestKey),
    rows.map((u) => u.response),
  ];
}
