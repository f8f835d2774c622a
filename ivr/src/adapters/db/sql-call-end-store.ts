// The end of a call in one statement and one round trip (it was three transactions, about
// an eighth of a whole call's database work in bench:ivr). The queue part is the queue
// store's own "left" statement; holds go back through the ledger's function.
import type { CallEndStore } from "../../call-flow/call-end.ts";
import { QUEUE_LEFT_SET } from "./queue-left-sql.ts";
import type { Database } from "./open-database.ts";

const CALL_ENDED = `
  WITH queue AS (
         UPDATE queued_call SET ${QUEUE_LEFT_SET} WHERE call_sid = $1 RETURNING 1
       ), session AS (
         UPDATE call_session SET ended_at = $2 WHERE call_sid = $1 AND ended_at IS NULL RETURNING 1
       )
  SELECT ledger_release_holds(NULL, $1::text, NULL) AS released,
         (SELECT count(*)::int FROM queue) AS queue_entries,
         (SELECT count(*)::int FROM session) AS sessions`;

export class SqlCallEndStore implements CallEndStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async ended(callSid: string, at: Date): Promise<void> {
    await this.db.query(CALL_ENDED, [callSid, at, "hangup", null], "call_ended");
  }
}
