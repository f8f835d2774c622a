// Callback queue benchmark: `npm run bench:callbacks [-- --requests N --workers W --seconds S --processes P --register N]`.
//
// Needs PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test). Creates a
// fresh database bench_callbacks_<stamp>_<pid> on that server, lets openServices() migrate it
// (no supply: SEED_WEEKS=0) and drops it at the end (also on failure, SIGINT and SIGTERM).
// This is a benchmark, not a test: it prints numbers.
//
// 1. Fill: --requests (default 100,000) pending callback requests on Monday 25 January 2021,
//    first contacts spread over 08:00-11:00 (three release windows of 60 min), a mix of callers
//    (see support/callback-population.ts). --register (default 2,000) of them go through
//    CallbackService.register with --workers callers at a time: half while the queue is still
//    nearly empty, half once the rest is queued (register counts the requests ahead of each
//    caller). The rest come from one INSERT ... SELECT generate_series with the same columns and
//    mix; 1,000 of those rows are re-checked against fairness.ts. Then VACUUM (ANALYZE), as
//    autovacuum would do after that many inserts.
// 2. Memory: RSS of this process before the fill, with every request queued and after the
//    claims (the queue lives in PostgreSQL, not here), and pg_total_relation_size.
// 3. Claims: --workers (default 8) claimers loop callbacks.claimNext → record(claim,
//    "connected") for --seconds (default 15) or until nothing is left, with the clock at 12:00
//    (everything due, no lease expires). With --processes P they run in P child processes.
//    Latency: claimNext (lease reaping + the claim UPDATE) and claim + completion.
// 4. Checks: duplicates (requests completed twice by the logs or claimed twice by the database)
//    must be 0; done rows must equal the counted completions; priority-group inversions of the
//    served order are counted (a few are expected at group boundaries, see callback-checks.ts).
// 5. EXPLAIN (ANALYZE, BUFFERS) of the statements claimNext runs (lease reaping, the claim) and
//    of register's count of requests ahead, before and after the claims (rolled back).
// --keep leaves the database of a clean run for EXPLAIN by hand. Exit code 1 on duplicates or
// errors. The last line is one JSON object, also written to bench-results/callbacks.json.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "../../ivr/src/config.ts";
import { berlinLocalToUtc, minutesOfDay } from "../../ivr/src/domain/time/berlin.ts";
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
import { checkClaims } from "./support/callback-checks.ts";
import { runClaimers, wallMs, type ClaimRun } from "./support/callback-claimers.ts";
import { BenchClock, bulkFill, checkBulkRows, registerSample, type Day } from "./support/callback-fill.ts";
import { explainClaim } from "./support/callback-plan.ts";
import { runInChildren, stopChildren } from "./support/callback-processes.ts";
import {
  checkLines,
  claimTable,
  fillTable,
  planLines,
  resultJson,
  type CallbackBench,
} from "./support/callback-report.ts";
import { table } from "./support/report.ts";
import { saveResult } from "./support/bench-results.ts";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    register: { type: "string", default: "2000" },
    workers: { type: "string", default: "8" },
    seconds: { type: "string", default: "15" },
    processes: { type: "string", default: "0" },
    /** Leave the database for EXPLAIN by hand (printed; drop it yourself). */
    keep: { type: "boolean", default: false },
  },
});
const requests = Number(args.requests);
const registerCount = Math.min(Number(args.register), requests);
const workers = Number(args.workers);
const seconds = Number(args.seconds);
const processes = Number(args.processes);
const int = (x: number, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(x) && x >= min && x <= max;
if (
  !int(requests, 1, 10_000_000) ||
  !int(registerCount, 0) ||
  !int(workers, 1, 64) ||
  !(seconds > 0) ||
  !int(processes, 0, 16)
) {
  throw new Error("--requests 1..10,000,000, --register >= 0, --workers 1..64, --seconds > 0, --processes 0..16");
}
const claimWorkers = Math.max(workers, processes);

const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const dbName = benchDatabaseName("bench_callbacks");
const benchUrl = databaseUrlFor(serverUrl, dbName);
const config = loadConfig({
  ...process.env,
  DATABASE_URL: benchUrl,
  SEED_WEEKS: "0",
  LOG_LEVEL: "warn",
  DB_POOL_SIZE: String(2 * workers + 2),
});
const logger = createLogger("warn");
const log = (line = "") => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => bytes / 2 ** 20;

// The day: 08:00 opening (HOTLINE_OPENS), first contacts over three hours, claims at 12:00.
const open = minutesOfDay(config.HOTLINE_OPENS);
const day: Day = {
  opensAt: berlinLocalToUtc(2021, 1, 25, Math.floor(open / 60), open % 60),
  opensAtText: config.HOTLINE_OPENS,
  spreadMinutes: 180,
  windowMinutes: config.CALLBACK_RELEASE_WINDOW_MINUTES,
};
const claimAt = new Date(day.opensAt.getTime() + (day.spreadMinutes + 60) * 60_000);

let created = false;
let admin: pg.Client | null = null;
let services: Services | null = null;
let cleanup: Promise<void> | null = null;
let failed = false;
function cleanUp(): Promise<void> {
  cleanup ??= (async () => {
    stopChildren();
    await services?.close().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    if (created && args.keep && !failed) log(`kept database ${dbName} (--keep): ${benchUrl}`);
    else if (created) {
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
    failed = true;
    void cleanUp().finally(() => process.exit(130));
  });
}

async function relationSizes(db: pg.Client) {
  const {
    rows: [r],
  } = await db.query<{ total: string; heap: string; indexes: string }>(
    "SELECT pg_total_relation_size('callback_request') AS total, pg_table_size('callback_request') AS heap, pg_indexes_size('callback_request') AS indexes",
  );
  return { totalMb: mb(Number(r!.total)), heapMb: mb(Number(r!.heap)), indexMb: mb(Number(r!.indexes)) };
}

async function queueShape(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ g: number; w: Date; n: number }>(
    "SELECT priority_group AS g, release_window AS w, count(*)::int AS n FROM callback_request WHERE status = 'pending' GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const windows = [...new Set(rows.map((r) => r.w.getTime()))].sort((a, b) => a - b);
  const hhmm = (t: number) =>
    new Date(t).toLocaleTimeString("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
  const groups = [...new Set(rows.map((r) => r.g))];
  return table(
    ["priority group", ...windows.map((w) => `window ${hhmm(w)}`), "total"],
    groups.map((g) => {
      const counts = windows.map((w) => rows.find((r) => r.g === g && r.w.getTime() === w)?.n ?? 0);
      return [String(g), ...counts, counts.reduce((a, b) => a + b, 0)];
    }),
  );
}

async function claimPhase(s: Services): Promise<ClaimRun> {
  if (processes > 0) {
    log(`\n== claims: ${claimWorkers} workers in ${processes} child processes, ${seconds} s or until empty ==`);
    return runInChildren(benchUrl, processes, claimWorkers, seconds, claimAt);
  }
  log(`\n== claims: ${claimWorkers} workers in this process, ${seconds} s or until empty ==`);
  return runClaimers(s.callbacks, claimWorkers, wallMs() + seconds * 1000, "bench");
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg();
  log(
    `load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores` +
      (loadBefore[0]! > 0.5 ? " (other work on this machine skews the numbers)" : ""),
  );
  const postgres = await serverVersion(serverUrl);
  await createDatabase(serverUrl, dbName);
  created = true;
  log(`database ${dbName} on PostgreSQL ${postgres}`);
  const clock = new BenchClock(day.opensAt);
  const s = (services = await openServices(config, logger, clock));
  await Promise.all(Array.from({ length: 2 * workers + 2 }, () => s.db.prisma.$queryRaw`SELECT 1`));
  admin = new pg.Client({ connectionString: benchUrl });
  await admin.connect();
  const baselineMb = mb(process.memoryUsage().rss);
  const heapUsedBaselineMb = mb(process.memoryUsage().heapUsed);

  const firstHalf = Math.ceil(registerCount / 2);
  const bulkRows = requests - registerCount;
  log(`\n== fill: ${requests} requests (${registerCount} through register(), ${bulkRows} in bulk) ==`);
  const registerEmpty = await registerSample(s.callbacks, clock, day, 0, firstHalf, workers);
  const bulkSeconds = bulkRows > 0 ? await bulkFill(admin, day, firstHalf, bulkRows, clock.now()) : 0;
  const t0 = Date.now();
  await admin.query("VACUUM (ANALYZE) callback_request");
  log(
    `bulk fill ${bulkRows} rows: ${bulkSeconds.toFixed(2)} s; VACUUM (ANALYZE) ${((Date.now() - t0) / 1000).toFixed(2)} s`,
  );
  const registerFull = await registerSample(
    s.callbacks,
    clock,
    day,
    firstHalf + bulkRows,
    registerCount - firstHalf,
    workers,
  );
  const bulkCheck = await checkBulkRows(admin, day, clock.now(), 1000);
  const {
    rows: [{ n: pending } = { n: 0 }],
  } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM callback_request WHERE status = 'pending'");
  if (pending !== requests) throw new Error(`${pending} pending requests in the database, expected ${requests}`);
  log(
    fillTable({ requests, registerEmpty, registerFull, bulk: { rows: bulkRows, seconds: bulkSeconds, ...bulkCheck } }),
  );
  for (const e of [...registerEmpty.errorSamples, ...registerFull.errorSamples]) log(`  register error: ${e}`);
  log(`bulk rows re-checked against fairness.ts: ${bulkCheck.checked}, mismatches ${bulkCheck.mismatches}`);
  log(`\npending requests by priority group and release window:\n${await queueShape(admin)}`);

  const withRequestsMb = mb(process.memoryUsage().rss);
  const heapUsedMb = mb(process.memoryUsage().heapUsed);
  const relation = await relationSizes(admin);
  log(
    `\nthis process: RSS ${baselineMb.toFixed(1)} MB after opening the services (heap used ${heapUsedBaselineMb.toFixed(1)} MB), ` +
      `${withRequestsMb.toFixed(1)} MB with ${requests} requests queued (heap used ${heapUsedMb.toFixed(1)} MB): the queue lives in PostgreSQL`,
  );
  log(
    `callback_request in PostgreSQL: ${relation.totalMb.toFixed(1)} MB (table ${relation.heapMb.toFixed(1)} MB, indexes ${relation.indexMb.toFixed(1)} MB)`,
  );

  const before = await explainClaim(admin, claimAt, config.CALLBACK_LEASE_SECONDS);
  log(`\n${planLines("plan before claims", before).join("\n")}`);

  clock.set(claimAt);
  const claim = await claimPhase(s);
  const afterClaimsMb = mb(process.memoryUsage().rss);
  const check = await checkClaims(admin, claim);
  const after = await explainClaim(admin, claimAt, config.CALLBACK_LEASE_SECONDS);

  const bench: CallbackBench = {
    requests,
    workers: claimWorkers,
    processes,
    seconds,
    registerEmpty,
    registerFull,
    bulk: { rows: bulkRows, seconds: bulkSeconds, ...bulkCheck },
    memory: { baselineMb, withRequestsMb, afterClaimsMb, heapUsedBaselineMb, heapUsedMb },
    relation,
    claim,
    check,
    plans: { before, after },
    postgres,
    loadBefore,
    loadAfter: os.loadavg(),
    errors: registerEmpty.errors + registerFull.errors + bulkCheck.mismatches + claim.errors + check.problems.length,
  };
  log(claimTable(bench));
  for (const e of claim.errorSamples) log(`  claim error: ${e}`);
  log(checkLines(bench).join("\n"));
  log(
    `RSS after the claims: ${afterClaimsMb.toFixed(1)} MB in this process` +
      (claim.rssMb.length > 0 ? `, children ${claim.rssMb.map((m) => `${m.toFixed(1)} MB`).join(", ")}` : ""),
  );
  log(`\n${planLines("plan after claims", after).join("\n")}`);
  log(`\nload average after: ${bench.loadAfter.map((l) => l.toFixed(2)).join(" ")}`);

  const json = resultJson(bench);
  await cleanUp();
  saveResult("callbacks.json", json);
  log(JSON.stringify(json));
  return json.duplicates > 0 || json.errors > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    process.stderr.write(
      `bench:callbacks failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    failed = true;
    await cleanUp();
    process.exit(1);
  },
);
