// Filling bench:callbacks' queue with one mix of callers, drawn either in JavaScript (the timed
// sample registered through CallbackService.register, the path a caller takes) or in SQL (the
// rest, one INSERT ... SELECT generate_series) from the same constants, so both parts look alike;
// and a check that the bulk rows carry the priority group and release window fairness.ts gives.
//
// Callers: unique German numbers (30 % mobile), born 1921-1941 (younger years more common), 2 %
// without a birth year, 5 % holding a booking code, 90 % German-speaking, first contact spread
// uniformly over the first `spreadMinutes` after opening (several release windows). No
// "awaiting-supply" requests: every request is due once the claim clock has passed them.
import type pg from "pg";
import type { CallbackService, CallbackRequestInput } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import { priorityGroup, releaseWindow } from "../../../ivr/src/domain/callbacks/fairness.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";
import { berlinParts } from "../../../ivr/src/domain/time/berlin.ts";
import { latency } from "../harness/stats.ts";

const MIX = {
  codeShare: 0.05,
  unknownBirthYear: 0.02,
  keyedNumber: 0.15,
  bornFrom: 1921,
  bornTo: 1941,
  languages: [
    ["de", 0.9],
    ["tr", 0.04],
    ["ru", 0.03],
    ["pl", 0.015],
    ["en", 0.01],
    ["ar", 0.005],
  ] as const,
  reasons: [
    ["long-wait", 0.5],
    ["queue-full", 0.2],
    ["outside-hours", 0.15],
    ["agent", 0.1],
    ["fallback", 0.05],
  ] as const,
  /** Index i gets prefixes[i % 10] + i padded to 8 digits: unique, none a prefix of another. */
  prefixes: ["+49151", "+49160", "+49176", "+49221", "+49211", "+49231", "+49201", "+49521", "+49611", "+49561"],
  path: ["welcome", "language", "menu", "birth-year", "queue", "callback-offer", "callback-number"],
};

/** A clock the benchmark sets: to each caller's first contact, then to "after all windows". */
export class BenchClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = at;
  }
}

/** The opening of the day, how long first contacts spread, and the release window. */
export interface Day {
  opensAt: Date;
  opensAtText: string;
  spreadMinutes: number;
  windowMinutes: number;
}

function pickWeighted<T extends string>(table: readonly (readonly [T, number])[]): T {
  let r = Math.random();
  for (const [value, share] of table) if ((r -= share) < 0) return value;
  return table.at(-1)![0];
}

/** Caller number `i`, first calling at a uniformly random moment of the spread. */
function callerInput(i: number, day: Day): CallbackRequestInput & { at: Date } {
  const at = new Date(day.opensAt.getTime() + Math.floor(Math.random() * day.spreadMinutes * 60_000));
  const language = pickWeighted(MIX.languages);
  const reason = pickWeighted(MIX.reasons);
  const phone = `${MIX.prefixes[i % MIX.prefixes.length]}${String(i).padStart(8, "0")}`;
  // 1941 - floor(21 r^2): about half the callers are 80-84, a third 90 or older.
  const born =
    Math.random() < MIX.unknownBirthYear
      ? null
      : MIX.bornTo - Math.floor((MIX.bornTo - MIX.bornFrom + 1) * Math.random() ** 2);
  // Shaped like call-flow/steps/call-context.ts builds it.
  const context = {
    language,
    phone,
    postcode: String(32_000 + Math.floor(Math.random() * 34_000)),
    district: null,
    centre: null,
    heldPair: null,
    birthYear: born,
    birthDate: null,
    path: MIX.path,
    reason,
    bookings: [],
    callbackRequestId: null,
    callStartedAt: at.toISOString(),
  };
  const phoneSource = Math.random() < MIX.keyedNumber ? "keyed" : "caller-id";
  const originCallSid = `CAbench${String(i).padStart(26, "0")}`;
  return {
    phone,
    phoneSource,
    language,
    reason,
    birthYear: born,
    hasCode: Math.random() < MIX.codeShare,
    context,
    holdId: null,
    originCallSid,
    at,
  };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const caseOf = (table: readonly (readonly [string, number])[], r: string) => {
  let bound = 0;
  const arms = table
    .slice(0, -1)
    .map(([value, share]) => `WHEN ${r} < ${(bound += share).toFixed(6)} THEN ${literal(value)}`);
  return `CASE ${arms.join(" ")} ELSE ${literal(table.at(-1)![0])} END`;
};

/**
 * Rows i in [$1, $1 + $2) in one statement. $3 opening instant, $4 release window minutes, $5 the
 * Berlin year of "now" (ages for the priority group), $6 spread in seconds. priority_group and
 * release_window are computed exactly as fairness.ts computes them.
 */
const BULK_INSERT_SQL = `
WITH drawn AS (
  SELECT i,
         (ARRAY[${MIX.prefixes.map(literal).join(", ")}])[i % ${MIX.prefixes.length} + 1] || lpad(i::text, 8, '0') AS phone,
         date_trunc('milliseconds', $3::timestamptz + random() * $6::float8 * interval '1 second') AS at,
         CASE WHEN random() < ${MIX.unknownBirthYear} THEN NULL
              ELSE ${MIX.bornTo} - floor(${MIX.bornTo - MIX.bornFrom + 1} * power(random(), 2))::int END AS birth_year,
         random() < ${MIX.codeShare} AS has_code, random() AS r_lang, random() AS r_reason, random() AS r_source
    FROM generate_series($1::int, $1::int + $2::int - 1) AS i
), shaped AS (
  SELECT d.*, ${caseOf(MIX.languages, "r_lang")} AS language, ${caseOf(MIX.reasons, "r_reason")} AS reason FROM drawn d
)
INSERT INTO callback_request (phone, phone_source, language, reason, priority_group, release_window, random_rank, birth_year,
  has_code, first_contact_at, next_attempt_at, context, origin_call_sid, created_at, updated_at)
SELECT phone,
       CASE WHEN r_source < ${MIX.keyedNumber} THEN 'keyed' ELSE 'caller-id' END,
       language, reason,
       (CASE WHEN has_code THEN 0 ELSE 4 END) + CASE WHEN birth_year IS NULL THEN 3 WHEN $5::int - birth_year >= 90 THEN 0
            WHEN $5::int - birth_year >= 85 THEN 1 WHEN $5::int - birth_year >= 80 THEN 2 ELSE 3 END,
       $3::timestamptz + floor(extract(epoch FROM at - $3::timestamptz) / ($4::int * 60)) * $4::int * interval '1 minute',
       random(), birth_year, has_code, at, at,
       jsonb_build_object('language', language, 'phone', phone, 'postcode', (32000 + floor(random() * 34000)::int)::text,
         'district', NULL, 'centre', NULL, 'heldPair', NULL, 'birthYear', birth_year, 'birthDate', NULL,
         'path', to_jsonb(ARRAY[${MIX.path.map(literal).join(", ")}]), 'reason', reason, 'bookings', '[]'::jsonb,
         'callbackRequestId', NULL, 'callStartedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
       'CAbench' || lpad(i::text, 26, '0'), at, at
  FROM shaped`;

/**
 * Registers callers first..first+count-1, `concurrency` at a time. The clock is set to each
 * caller's first contact just before register() reads it (synchronously, first thing).
 */
export async function registerSample(
  callbacks: CallbackService,
  clock: BenchClock,
  day: Day,
  first: number,
  count: number,
  concurrency: number,
) {
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let next = first;
  let errors = 0;
  const started = performance.now();
  const registrant = async () => {
    while (next < first + count) {
      const input = callerInput(next++, day);
      const t0 = performance.now();
      clock.set(input.at);
      try {
        const { created } = await callbacks.register(input);
        if (!created) throw new Error(`${input.phone} was not created (already open?)`);
        samples.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, registrant));
  const seconds = (performance.now() - started) / 1000;
  const perSecond = count > 0 ? samples.length / seconds : 0;
  return { registered: samples.length, seconds, perSecond, errors, errorSamples, samples, ...latency(samples) };
}
export type RegisterRun = Awaited<ReturnType<typeof registerSample>>;

/** Rows first..first+count-1 in one statement; returns the seconds it took. */
export async function bulkFill(db: pg.Client, day: Day, first: number, count: number, now: Date): Promise<number> {
  const t0 = performance.now();
  const params = [first, count, day.opensAt, day.windowMinutes, berlinParts(now).year, day.spreadMinutes * 60];
  const result = await db.query(BULK_INSERT_SQL, params);
  if (result.rowCount !== count) throw new Error(`bulk insert wrote ${result.rowCount} rows, expected ${count}`);
  return (performance.now() - t0) / 1000;
}

/** Recomputes priority group and release window in JavaScript for `sample` random bulk rows. */
export async function checkBulkRows(db: pg.Client, day: Day, now: Date, sample: number) {
  const { rows } = await db.query<{
    priority_group: number;
    release_window: Date;
    birth_year: number | null;
    has_code: boolean;
    first_contact_at: Date;
  }>(
    `SELECT priority_group, release_window, birth_year, has_code, first_contact_at FROM callback_request
      WHERE origin_call_sid LIKE 'CAbench%' AND window_from IS NULL ORDER BY random() LIMIT $1`,
    [sample],
  );
  const mismatches = rows.filter(
    (r) =>
      r.priority_group !== priorityGroup({ hasCode: r.has_code, birthYear: r.birth_year }, now) ||
      r.release_window.getTime() !== releaseWindow(r.first_contact_at, day.windowMinutes, day.opensAtText).getTime(),
  ).length;
  return { checked: rows.length, mismatches };
}
