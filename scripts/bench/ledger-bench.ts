// Ledger booking benchmark: `npm run bench:ledger [-- --seconds N --concurrency N --sweep]`.
//
// Needs PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test). Creates a
// fresh database bench_ledger_<stamp>_<pid> on that server, lets openServices() migrate it and
// seed 8 weeks of supply (NRW and Hessen, ~596,000 pairs), and drops it at the end (also on
// failure, SIGINT and SIGTERM). This is a benchmark, not a test: it prints numbers.
//
// What is measured, per concurrency level C (default 32; --sweep runs 16, 32 and 64):
// - Candidates: once per level, one SQL query selects every free first-dose slot (partner free
//   too) starting > 2 h from now; they are shuffled and split into two disjoint pools, one per
//   phase. A booker draws a random centre of ledger.geography.allCentres(), then a random
//   candidate slot of that centre from its phase's pool. A full slot leaves the pool locally.
// - Phase "ledger": C async bookers in this one Node process, for --seconds (default 10), each
//   calling ledger.book({ firstSlotId, person, channel: "web", idempotencyKey }) through Prisma
//   $queryRaw on a pg.Pool of C+4 (DB_POOL_SIZE). Latency = the ledger.book call only
//   (validation, person key, booking code, one ledger_book_pair round trip, error mapping).
// - Phase "raw SQL": the same, on the other pool, through a plain pg.Pool of C+4: one
//   `SELECT * FROM ledger_book_pair(...)` per booking with a code from generateBookingCode().
//   Latency = the pool.query call (plus code generation and person key, as in ledger.book).
// - Phase "ledger find+book" (--find-seconds, default 3, runs first; not in the ratio): the
//   path a caller takes: random centre, ledger.freePairs(centre, { limit: 20 }), a random one of
//   those, ledger.book. Reports book-only and find+book latency.
// - Before each phase, VACUUM (ANALYZE): statistics as autovacuum would have them (without them
//   freePairs sorts every free slot of a centre: 3.5 ms instead of 0.1 ms), no dead rows left over.
// - Every phase is preceded by --warmup seconds (default 1) of the same work, not counted.
// - Person: unique synthetic name, born 1930-1940, a phone number, a real postcode of the
//   centre's district. Each booking has its own idempotency key.
// - pairs/s = successful bookings / wall time of the phase. Conflicts (slot_taken: the last
//   place went to a concurrent booker) are counted, then the booker draws again. Any other
//   error counts as an error; so does a booking count that differs from what the database gained.
// - After each phase: overbooked = slots with booked + held > capacity + slots whose booked
//   differs from the active bookings referencing them + bookings whose first slot's partner is
//   not their second slot. Must be 0.
// Targets (PASS/FAIL printed, exit code unaffected): ledger >= 1,000 pairs/s, ledger/raw >= 0.25.
// Exit code 1 if any error or overbooking. The last line of output is one JSON object, also
// written to bench-results/ledger.json.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "../../ivr/src/config.ts";
import { createLogger } from "../../ivr/src/logger.ts";
import { openServices, type Services } from "../../ivr/src/services.ts";
import {
  benchDatabaseName,
  createDatabase,
  databaseUrlFor,
  DEFAULT_DATABASE_URL,
  dropDatabase,
  serverVersion,
} from "./support/bench-db.ts";
import { loadCandidatePools, type CandidatePool } from "./support/candidates.ts";
import { PersonFactory } from "./support/people.ts";
import { phaseTable, round, summarise, type PhaseSummary } from "./support/report.ts";
import { resultJson, sweepTable, TARGET_PAIRS_PER_SECOND, TARGET_RATIO, type Level } from "./support/results.ts";
import { runTimed } from "./support/run-phase.ts";
import { ledgerFindStep, ledgerPoolStep, rawPoolStep, type Step } from "./support/steps.ts";
import { checkLedger } from "./support/verify.ts";
import { saveResult } from "./support/bench-results.ts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "32" },
    sweep: { type: "boolean", default: false },
    "find-seconds": { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
  },
});
const seconds = Number(args.seconds);
const findSeconds = Number(args["find-seconds"]);
const warmupSeconds = Number(args.warmup);
const levels = args.sweep ? [16, 32, 64] : [Number(args.concurrency)];
if (!(seconds > 0) || !(findSeconds >= 0) || !(warmupSeconds >= 0))
  throw new Error("--seconds must be > 0, --find-seconds and --warmup >= 0");
if (levels.some((c) => !Number.isInteger(c) || c < 16 || c > 64))
  throw new Error("--concurrency must be an integer in 16..64");

const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const dbName = benchDatabaseName("bench_ledger");
const benchUrl = databaseUrlFor(serverUrl, dbName);
const logger = createLogger("warn");
const log = (line = "") => process.stdout.write(`${line}\n`);

let created = false;
let admin: pg.Client | null = null;
let cleanup: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleanup ??= (async () => {
    await admin?.end().catch(() => undefined);
    if (created) {
      await dropDatabase(serverUrl, dbName).then(
        () => log(`dropped database ${dbName}`),
        (error) => process.stderr.write(`could not drop database ${dbName}: ${String(error)}\n`),
      );
    }
  })();
  return cleanup;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping, dropping ${dbName}\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const open = (concurrency: number): Promise<Services> =>
  openServices(
    loadConfig({
      ...process.env,
      DATABASE_URL: benchUrl,
      SEED_WEEKS: "8",
      DB_POOL_SIZE: String(concurrency + 4),
      LOG_LEVEL: "warn",
    }),
    logger,
  );

const bookingCount = async (db: pg.Client) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM booking")).rows[0]!.n;

/** Warm-up (not counted), then the measured run and the ledger check. */
async function phase(name: string, concurrency: number, duration: number, step: Step): Promise<PhaseSummary> {
  // Fresh statistics and no dead rows from earlier phases (every slot update is a non-HOT update),
  // so phases do not depend on their order nor on when autovacuum happens to run.
  await admin!.query("VACUUM (ANALYZE)");
  if (warmupSeconds > 0) await runTimed(concurrency, warmupSeconds, step);
  const before = await bookingCount(admin!);
  const run = await runTimed(concurrency, duration, step);
  const check = await checkLedger(admin!);
  const summary = summarise(name, run, check, (await bookingCount(admin!)) - before);
  if (summary.exhausted) log(`  warning: ${name} ran out of candidate slots`);
  for (const sample of summary.errorSamples) log(`  ${name} error: ${sample}`);
  return summary;
}

async function runLevel(concurrency: number, people: PersonFactory, centreIds: number[]): Promise<Level> {
  log(`\n== concurrency ${concurrency}: ${seconds} s per phase, pool ${concurrency + 4} connections ==`);
  let find: PhaseSummary | undefined;
  let ledger!: PhaseSummary;
  let rawPool!: CandidatePool;
  const services = await open(concurrency);
  try {
    if (findSeconds > 0)
      find = await phase("ledger find+book", concurrency, findSeconds, ledgerFindStep(services.ledger, people, "Find"));
    const [ledgerPool, otherPool] = await loadCandidatePools(admin!, 2, centreIds);
    rawPool = otherPool!;
    log(`  candidate first-dose slots: ${ledgerPool!.size} for ledger, ${rawPool.size} for raw SQL`);
    ledger = await phase(
      "ledger",
      concurrency,
      seconds,
      ledgerPoolStep(services.ledger, ledgerPool!, people, "Ledger"),
    );
  } finally {
    await services.close();
  }
  const db = new pg.Pool({ connectionString: benchUrl, max: concurrency + 4, connectionTimeoutMillis: 5_000 });
  db.on("error", () => undefined);
  let raw: PhaseSummary;
  try {
    raw = await phase("raw SQL", concurrency, seconds, rawPoolStep(db, rawPool, people, "Raw"));
  } finally {
    await db.end();
  }
  const level: Level = { concurrency, ledger, raw, find, ratio: round(ledger.pairsPerSecond / raw.pairsPerSecond, 3) };
  log(phaseTable([level.ledger, level.raw, ...(find ? [find] : [])]));
  if (find?.findBook) {
    log(
      `ledger find+book latency: p50 ${find.findBook.p50Ms} ms, p95 ${find.findBook.p95Ms} ms, p99 ${find.findBook.p99Ms} ms`,
    );
  }
  const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
  log(
    `ledger ${level.ledger.pairsPerSecond} pairs/s (target >= ${TARGET_PAIRS_PER_SECOND}): ${pass(level.ledger.pairsPerSecond >= TARGET_PAIRS_PER_SECOND)}`,
  );
  log(`ratio ledger/raw ${level.ratio} (target >= ${TARGET_RATIO}): ${pass(level.ratio >= TARGET_RATIO)}`);
  return level;
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > 0.5)
    log(`note: load average ${loadBefore.toFixed(2)} before the run; other work on this machine skews the numbers`);
  const postgres = await serverVersion(serverUrl);
  await createDatabase(serverUrl, dbName);
  created = true;
  log(`database ${dbName} on PostgreSQL ${postgres}; migrating and seeding 8 weeks of supply ...`);
  const t0 = Date.now();
  const services = await open(levels[0]!);
  const people = new PersonFactory(services.geography);
  const centreIds = services.geography.allCentres().map((c) => c.id);
  await services.close();
  admin = new pg.Client({ connectionString: benchUrl });
  await admin.connect();
  const autovacuum = (await admin.query<{ v: string }>("SELECT current_setting('autovacuum') AS v")).rows[0]!.v;
  if (autovacuum !== "on")
    log(`note: autovacuum is ${autovacuum} on this server; the benchmark vacuums before each phase`);
  const supply = (
    await admin.query<{ slots: number; pairs: number }>(
      "SELECT count(*)::int AS slots, COALESCE(sum(capacity), 0)::int AS pairs FROM slot WHERE dose = 1",
    )
  ).rows[0]!;
  log(
    `seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${supply.pairs} pairs in ${supply.slots} first-dose slots, ${centreIds.length} centres`,
  );

  const results: Level[] = [];
  for (const c of levels) results.push(await runLevel(c, people, centreIds));

  if (results.length > 1) log(`\n== sweep ==\n${sweepTable(results)}`);
  const json = resultJson(results, { seconds, postgres, loadBefore });
  await cleanUp();
  saveResult("ledger.json", json);
  log(JSON.stringify(json));
  return json.errors > 0 || json.overbooked > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    process.stderr.write(
      `bench:ledger failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await cleanUp();
    process.exit(1);
  },
);
