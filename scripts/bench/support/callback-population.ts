// Synthetic callback requests for the callbacks benchmark: one mix of callers, drawn either in
// JavaScript (for the sample registered through CallbackService.register) or in SQL (the bulk
// INSERT ... SELECT generate_series), from the same constants, so both parts look alike.
//
// Callers: unique German numbers (30 % mobile), born 1921-1941 (younger years more common),
// 2 % without a birth year, 5 % holding a booking code, 90 % German-speaking, first contact
// spread uniformly over the first `spreadMinutes` after opening (several release windows).
// No "awaiting-supply" requests: every request is due once the claim clock has passed them.
import type { CallbackRequestInput } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import type { CallbackReason } from "../../../ivr/src/domain/callbacks/callback-store.ts";

export const MIX = {
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
  /** Index i gets PREFIXES[i % 10] + i padded to 8 digits: unique, none a prefix of another. */
  prefixes: ["+49151", "+49160", "+49176", "+49221", "+49211", "+49231", "+49201", "+49521", "+49611", "+49561"],
  path: ["welcome", "language", "menu", "birth-year", "queue", "callback-offer", "callback-number"],
};

export const phoneFor = (i: number) => `${MIX.prefixes[i % MIX.prefixes.length]}${String(i).padStart(8, "0")}`;

function pickWeighted<T extends string>(table: readonly (readonly [T, number])[], r: number): T {
  let sum = 0;
  for (const [value, share] of table) if (r < (sum += share)) return value;
  return table.at(-1)![0];
}

/** 1941 - floor(21 r^2): about half the callers are 80-84, a third 90 or older. */
const birthYear = (r: number) => MIX.bornTo - Math.floor((MIX.bornTo - MIX.bornFrom + 1) * r * r);

/** Caller number `i`, first calling at a uniformly random moment of [opensAt, opensAt + spread). */
export function callerInput(i: number, opensAt: Date, spreadMinutes: number): CallbackRequestInput & { at: Date } {
  const at = new Date(opensAt.getTime() + Math.floor(Math.random() * spreadMinutes * 60_000));
  const language = pickWeighted(MIX.languages, Math.random());
  const reason: CallbackReason = pickWeighted(MIX.reasons, Math.random());
  const phone = phoneFor(i);
  const born = Math.random() < MIX.unknownBirthYear ? null : birthYear(Math.random());
  return {
    phone,
    phoneSource: Math.random() < MIX.keyedNumber ? "keyed" : "caller-id",
    language,
    reason,
    birthYear: born,
    hasCode: Math.random() < MIX.codeShare,
    context: context(language, phone, born, reason, at),
    holdId: null,
    originCallSid: `CAbench${String(i).padStart(26, "0")}`,
    at,
  };
}

/** Shaped like call-flow/steps/call-context.ts builds it. */
function context(
  language: string,
  phone: string,
  born: number | null,
  reason: string,
  at: Date,
): Record<string, unknown> {
  return {
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
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const caseOf = (table: readonly (readonly [string, number])[], r: string) => {
  let sum = 0;
  const arms = table
    .slice(0, -1)
    .map(([value, share]) => `WHEN ${r} < ${(sum += share).toFixed(6)} THEN ${literal(value)}`);
  return `CASE ${arms.join(" ")} ELSE ${literal(table.at(-1)![0])} END`;
};

/**
 * Rows i in [$1, $1 + $2) in one statement. $3 opening instant, $4 release window minutes,
 * $5 the Berlin year of "now" (ages for the priority group), $6 spread in seconds.
 * priority_group and release_window are computed exactly as fairness.ts computes them.
 */
export const BULK_INSERT_SQL = `
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
