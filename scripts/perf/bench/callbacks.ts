// Callback queue benchmark: `npm run bench:callbacks [-- --quick] [--requests 100000 --register 2000
// --workers 8 --seconds 15]`. Not a test: it prints numbers.
//
// A throw-away PostgreSQL database that openServices() migrates (no supply: SEED_WEEKS=0).
// 1. Fill: --requests pending callback requests on Monday 25 January 2021, first contacts spread
//    over 08:00-11:00 (three release windows of 60 min), a mix of callers (callback-fill.ts).
//    --register of them go through CallbackService.register with --workers callers at a time:
//    half while the queue is still nearly empty, half once the rest is queued (register counts
//    the requests ahead of each caller). The rest come from one INSERT ... SELECT generate_series
//    with the same columns and mix; 1,000 of those rows are re-checked against fairness.ts. Then
//    VACUUM (ANALYZE), as autovacuum would do after that many inserts.
// 2. Memory: RSS of this process before the fill, with every request queued and after the claims
//    (the queue lives in PostgreSQL, not here), and the table's size.
// 3. Claims: --workers claimers loop callbacks.claimNext → record(claim, "connected") for
//    --seconds or until nothing is left, with the clock at 12:00 (everything due, no lease
//    expires). Latency: claimNext (lease reaping + the claim UPDATE) and claim + completion.
// 4. Checks: duplicates (requests completed twice by the logs or claimed twice by the database)
//    must be 0; done rows must equal the counted completions; priority-group inversions of the
//    served order are counted (a few are expected at group boundaries, see callback-claims.ts).
// 5. EXPLAIN (ANALYZE, BUFFERS) of the statements claimNext runs and of register's count of
//    requests ahead, before and after the claims (rolled back).
// --quick: 10,000 requests, 400 registered, 3 s of claims. Exit code 1 on duplicates or errors.
// The last line is the JSON, also in bench-results/callbacks.json.
import os from "node:os";
import pg from "pg";
import { loadConfig } from "../../../ivr/src/config.ts";
import { berlinLocalToUtc, minutesOfDay } from "../../../ivr/src/domain/time/berlin.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import { openServices } from "../../../ivr/src/services.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { serverVersion, throwAwayDatabase } from "../harness/database.ts";
import { readOptions } from "../harness/options.ts";
import { table } from "../harness/stats.ts";
import { checkClaims, explainClaim, runClaimers } from "./callback-claims.ts";
import { BenchClock, bulkFill, checkBulkRows, registerSample, type Day } from "./callback-fill.ts";
import { checkLines, claimTable, fillTable, planLines, resultJson, type CallbackBench } from "./callback-report.ts";

const o = readOptions({
  requests: { default: 100_000, quick: 10_000, min: 1, max: 10_000_000, integer: true },
  register: { default: 2000, quick: 400, min: 0, integer: true },
  workers: { default: 8, min: 1, max: 64, integer: true },
  seconds: { default: 15, quick: 3, above: 0 },
});
const registerCount = Math.min(o.register, o.requests);
const mb = (bytes: number) => bytes / 2 ** 20;

runCommand("bench:callbacks", async () => {
  const loadBefore = os.loadavg();
  const busy = loadBefore[0]! > 0.5 ? " (other work on this machine skews the numbers)" : "";
  log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores${busy}`);
  const postgres = await serverVersion();
  const db = await throwAwayDatabase("bench_callbacks");
  log(`database ${db.name} on PostgreSQL ${postgres}`);
  const poolSize = 2 * o.workers + 2;
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    SEED_WEEKS: "0",
    LOG_LEVEL: "warn",
    DB_POOL_SIZE: String(poolSize),
  };
  const config = loadConfig(env);
  // The day: 08:00 opening (HOTLINE_OPENS), first contacts over three hours, claims at 12:00.
  const open = minutesOfDay(config.HOTLINE_OPENS);
  const day: Day = {
    opensAt: berlinLocalToUtc(2021, 1, 25, Math.floor(open / 60), open % 60),
    opensAtText: config.HOTLINE_OPENS,
    spreadMinutes: 180,
    windowMinutes: config.CALLBACK_RELEASE_WINDOW_MINUTES,
  };
  const claimAt = new Date(day.opensAt.getTime() + (day.spreadMinutes + 60) * 60_000);
  const clock = new BenchClock(day.opensAt);
  const services = await openServices(config, createLogger("warn"), clock);
  onCleanup(() => services.close());
  await Promise.all(Array.from({ length: poolSize }, () => services.db.prisma.$queryRaw`SELECT 1`));
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  onCleanup(() => admin.end());
  const baselineMb = mb(process.memoryUsage().rss);
  const heapUsedBaselineMb = mb(process.memoryUsage().heapUsed);

  const firstHalf = Math.ceil(registerCount / 2);
  const bulkRows = o.requests - registerCount;
  log(`\n== fill: ${o.requests} requests (${registerCount} through register(), ${bulkRows} in bulk) ==`);
  const registerEmpty = await registerSample(services.callbacks, clock, day, 0, firstHalf, o.workers);
  const bulkSeconds = bulkRows > 0 ? await bulkFill(admin, day, firstHalf, bulkRows, clock.now()) : 0;
  const t0 = Date.now();
  await admin.query("VACUUM (ANALYZE) callback_request");
  log(
    `bulk fill ${bulkRows} rows: ${bulkSeconds.toFixed(2)} s; VACUUM (ANALYZE) ${((Date.now() - t0) / 1000).toFixed(2)} s`,
  );
  const registerFull = await registerSample(
    services.callbacks,
    clock,
    day,
    firstHalf + bulkRows,
    registerCount - firstHalf,
    o.workers,
  );
  const bulk = { rows: bulkRows, seconds: bulkSeconds, ...(await checkBulkRows(admin, day, clock.now(), 1000)) };
  const pending = await admin.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM callback_request WHERE status = 'pending'",
  );
  if (pending.rows[0]!.n !== o.requests)
    throw new Error(`${pending.rows[0]!.n} pending requests in the database, expected ${o.requests}`);
  log(fillTable({ requests: o.requests, registerEmpty, registerFull, bulk }));
  for (const e of [...registerEmpty.errorSamples, ...registerFull.errorSamples]) log(`  register error: ${e}`);
  log(`bulk rows re-checked against fairness.ts: ${bulk.checked}, mismatches ${bulk.mismatches}`);
  const shape = await admin.query<{ g: number; w: Date; n: number }>(
    "SELECT priority_group AS g, release_window AS w, count(*)::int AS n FROM callback_request WHERE status = 'pending' GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const windows = [...new Set(shape.rows.map((r) => r.w.getTime()))].sort((a, b) => a - b);
  const hhmm = (t: number) =>
    new Date(t).toLocaleTimeString("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
  const count = (g: number, w: number) => shape.rows.find((r) => r.g === g && r.w.getTime() === w)?.n ?? 0;
  const groups = [...new Set(shape.rows.map((r) => r.g))];
  const columns = Object.fromEntries(windows.map((w) => [`window ${hhmm(w)}`, (g: number) => count(g, w)]));
  const byGroup = table(groups, {
    "priority group": String,
    ...columns,
    total: (g) => windows.reduce((n, w) => n + count(g, w), 0),
  });
  log(`\npending requests by priority group and release window:\n${byGroup}`);

  const withRequestsMb = mb(process.memoryUsage().rss);
  const heapUsedMb = mb(process.memoryUsage().heapUsed);
  const sizes = await admin.query<{ total: string; heap: string; indexes: string }>(
    "SELECT pg_total_relation_size('callback_request') AS total, pg_table_size('callback_request') AS heap, pg_indexes_size('callback_request') AS indexes",
  );
  const s = sizes.rows[0]!;
  const relation = { totalMb: mb(Number(s.total)), heapMb: mb(Number(s.heap)), indexMb: mb(Number(s.indexes)) };
  log(
    `\nthis process: RSS ${baselineMb.toFixed(1)} MB after opening the services (heap used ${heapUsedBaselineMb.toFixed(1)} MB), ` +
      `${withRequestsMb.toFixed(1)} MB with ${o.requests} requests queued (heap used ${heapUsedMb.toFixed(1)} MB): the queue lives in PostgreSQL`,
  );
  log(
    `callback_request in PostgreSQL: ${relation.totalMb.toFixed(1)} MB (table ${relation.heapMb.toFixed(1)} MB, indexes ${relation.indexMb.toFixed(1)} MB)`,
  );
  const before = await explainClaim(admin, claimAt, config.CALLBACK_LEASE_SECONDS);
  log(`\n${planLines("plan before claims", before).join("\n")}`);

  clock.set(claimAt);
  log(`\n== claims: ${o.workers} workers in this process, ${o.seconds} s or until empty ==`);
  const claim = await runClaimers(services.callbacks, o.workers, o.seconds);
  const afterClaimsMb = mb(process.memoryUsage().rss);
  const check = await checkClaims(admin, claim);
  const after = await explainClaim(admin, claimAt, config.CALLBACK_LEASE_SECONDS);
  const bench: CallbackBench = {
    requests: o.requests,
    seconds: o.seconds,
    registerEmpty,
    registerFull,
    bulk,
    memory: { baselineMb, withRequestsMb, afterClaimsMb, heapUsedBaselineMb, heapUsedMb },
    relation,
    claim,
    check,
    plans: { before, after },
    postgres,
    loadBefore,
    loadAfter: os.loadavg(),
    errors: registerEmpty.errors + registerFull.errors + bulk.mismatches + claim.errors + check.problems.length,
  };
  log(claimTable(bench));
  for (const e of claim.errorSamples) log(`  claim error: ${e}`);
  log(checkLines(bench).join("\n"));
  log(`RSS after the claims: ${afterClaimsMb.toFixed(1)} MB in this process`);
  log(`\n${planLines("plan after claims", after).join("\n")}`);
  log(`\nload average after: ${bench.loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
  const line = resultJson(bench);
  return { file: "callbacks.json", line, exitCode: line.duplicates > 0 || line.errors > 0 ? 1 : 0 };
});
