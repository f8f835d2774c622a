// The end of a call in one statement (it was three transactions, about an eighth of a whole
// call's database work in bench:ivr), and the ends of calls arriving close together in one
// statement, at most two such statements at once (see TickBatcher). The queue part is the
// queue store's own "left" statement; holds go back through the ledger's function.
import type { CallEndStore } from "../../call-flow/call-end.ts";
import type { Database } from "./open-database.ts";
import { QUEUE_LEFT_SET } from "./queue-left-sql.ts";
import { TickBatcher } from "./tick-batcher.ts";

const CALLS_ENDED = `
  WITH queue AS (
         UPDATE queued_call SET ${QUEUE_LEFT_SET} WHERE call_sid = ANY ($1::text[]) RETURNING 1
       ), session AS (
         UPDATE call_session SET ended_at = $2 WHERE call_sid = ANY ($1::text[]) AND ended_at IS NULL RETURNING 1
       )
  SELECT ledger_release_holds_of($1::text[]) AS released,
         (SELECT count(*)::int FROM queue) AS queue_entries,
         (SELECT count(*)::int FROM session) AS sessions`;

export class SqlCallEndStore implements CallEndStore {
  private readonly batches = new TickBatcher<{ callSid: string; at: Date }, void>(async (calls) => {
    const at = new Date(Math.max(...calls.map((c) => c.at.getTime())));
    await this.db.keyedQuery(
      CALLS_ENDED,
      [[...new Set(calls.map((c) => c.callSid))], at, "hangup", null],
      "calls_ended",
    );
    return calls.map(() => undefined);
  }, 2);

  constructor(private readonly db: Pick<Database, "keyedQuery">) {}

  ended(callSid: string, at: Date): Promise<void> {
    return this.batches.submit({ callSid, at });
  }
}
