// Call sessions are working memory for a call in progress, and they hold what a caller said
// (birth date, postcode, the name recording's URL). Once the call has ended they serve only a
// late repeat of its last webhook, so they are deleted after a while: what must last (the
// booking, a callback request with its context) lives in its own tables. Sessions that never
// saw their end (a status callback lost) go after a longer idle time, so they neither stay
// forever nor count as calls in progress on the wallboard.
import type { Database } from "./open-database.ts";

const PURGE_BATCH = `
  DELETE FROM call_session
   WHERE call_sid IN (
         SELECT call_sid FROM call_session
          WHERE ended_at < $1::timestamptz OR (ended_at IS NULL AND updated_at < $2::timestamptz)
          LIMIT $3::int)`;

export interface SessionPurgeRules {
  /** Ended sessions are kept this long after their end. */
  keepEndedMinutes: number;
  /** Sessions without an end are deleted after this long without a webhook. */
  idleHours: number;
}

/** Deletes in batches (short transactions, no long lock on a busy table); returns how many went. */
export async function purgeCallSessions(
  db: Pick<Database, "query">,
  rules: SessionPurgeRules,
  now: Date,
  batch = 5_000,
  maxBatches = 20,
): Promise<number> {
  const endedBefore = new Date(now.getTime() - rules.keepEndedMinutes * 60_000);
  const idleBefore = new Date(now.getTime() - rules.idleHours * 3_600_000);
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rows = await db.query<{ call_sid: string }>(`${PURGE_BATCH} RETURNING call_sid`, [
      endedBefore,
      idleBefore,
      batch,
    ]);
    deleted += rows.length;
    if (rows.length < batch) break;
  }
  return deleted;
}
