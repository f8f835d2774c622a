// bench:callbacks' queue: callers registered through CallbackService.register (which computes
// priority group and release window), and the bulk as copies of those rows with new numbers and
// random ranks. Callers: born 1921-1941 (younger years more common), 2 % without a birth year,
// 5 % holding a booking code, 90 % German-speaking, first contact in the first three hours.
import type pg from "pg";
import type { CallbackRequestInput, CallbackService } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";

/** A clock the benchmark sets: to each caller's first contact, then to "after all windows". */
export class BenchClock implements Clock {
  constructor(public at: Date) {}
  now = () => new Date(this.at.getTime());
}

/** First contacts spread uniformly over this many minutes after opening. */
export const SPREAD_MINUTES = 180;

const LANGUAGES = ["tr", "ru", "pl", "en"];
const REASONS = ["long-wait", "queue-full", "outside-hours", "agent"] as const;
const phoneOf = (i: number) => `+49151${String(i).padStart(8, "0")}`;

/** Caller number `i`, first calling at a random moment of the spread. */
function callerInput(i: number, opensAt: Date): CallbackRequestInput & { at: Date } {
  const at = new Date(opensAt.getTime() + Math.floor(Math.random() * SPREAD_MINUTES * 60_000));
  const language = Math.random() < 0.9 ? "de" : LANGUAGES[i % LANGUAGES.length]!;
  const reason = REASONS[i % REASONS.length]!;
  // 1941 - floor(21 r^2): about half the callers are 80-84, a third 90 or older.
  const birthYear = Math.random() < 0.02 ? null : 1941 - Math.floor(21 * Math.random() ** 2);
  return {
    phone: phoneOf(i),
    phoneSource: Math.random() < 0.15 ? "keyed" : "caller-id",
    language,
    reason,
    birthYear,
    hasCode: Math.random() < 0.05,
    context: { language, phone: phoneOf(i), birthYear, reason, callStartedAt: at.toISOString() },
    holdId: null,
    originCallSid: `CAbench${String(i).padStart(26, "0")}`,
    at,
  };
}

/** Registers callers first..first+count-1, `concurrency` at a time, each at its first contact. */
export async function registerSample(
  callbacks: CallbackService,
  clock: BenchClock,
  opensAt: Date,
  first: number,
  count: number,
  concurrency: number,
) {
  const errors: string[] = [];
  let next = first;
  let registered = 0;
  const started = performance.now();
  const registrant = async () => {
    while (next < first + count) {
      const input = callerInput(next++, opensAt);
      clock.at = input.at;
      try {
        const { created } = await callbacks.register(input);
        if (!created) throw new Error(`${input.phone} was not created (already open?)`);
        registered++;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, registrant));
  return { registered, seconds: (performance.now() - started) / 1000, errors };
}

/** Rows first..first+count-1 as copies of the rows registered so far (round robin); returns seconds taken. */
export async function bulkFill(db: pg.Client, first: number, count: number): Promise<number> {
  const t0 = performance.now();
  const result = await db.query(
    `WITH template AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM callback_request)
     INSERT INTO callback_request (phone, phone_source, language, reason, priority_group, release_window, random_rank,
       birth_year, has_code, first_contact_at, next_attempt_at, context, origin_call_sid)
     SELECT '+49151' || lpad(i::text, 8, '0'), t.phone_source, t.language, t.reason, t.priority_group, t.release_window,
            random(), t.birth_year, t.has_code, t.first_contact_at, t.next_attempt_at, t.context,
            'CAbench' || lpad(i::text, 26, '0')
       FROM generate_series($1::int, $1::int + $2::int - 1) AS i JOIN template t ON t.k = i % (SELECT count(*) FROM template)`,
    [first, count],
  );
  if (result.rowCount !== count) throw new Error(`bulk insert wrote ${result.rowCount} rows, expected ${count}`);
  return (performance.now() - t0) / 1000;
}
