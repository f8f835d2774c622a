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
import { loadConfig } from "../../../ivr/src/config.ts";
import { berlinLocalToUtc, minutesOfDay } from "../../../ivr/src/domain/time/berlin.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { readOptions } from "../harness/options.ts";
import { checkClaims, explainClaim, runClaimers } from "./callback-claims.ts";
import { BenchClock, bulkFill, checkBulkRows, registerSample, type Day } from "./callback-fill.ts";
import { checkLines, planLines, resultJson, type CallbackBench } from "./callback-report.ts";

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
  const { db, postgres } = await benchDatabase("bench_callbacks");
  const poolSize = 2 * o.workers + 2;
  const env = { SEED_WEEKS: "0", DB_POOL_SIZE: String(poolSize) };
  const config = loadConfig({ ...process.env, ...env });
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
  const { services } = await benchServices(db.url, env, clock);
  onCleanup(() => services.close());
  await Promise.all(Array.from({ length: poolSize }, () => services.db.prisma.$queryRaw`SELECT 1`));
  const admin = await connect(db.url);
  const baselineMb = mb(process.memoryUsage().rss);
  const heapUsedBaselineMb = mb(process.memoryUsage().heapUsed);

  const firstHalf = Math.ceil(registerCount / 2);
  const bulkRows = o.requests - registerCount;
  log(`fill: ${o.requests} requests (${registerCount} through register(), ${bulkRows} in bulk)`);
  const registerEmpty = await registerSample(services.callbacks, clock, day, 0, firstHalf, o.workers);
  const bulkSeconds = bulkRows > 0 ? await bulkFill(admin, day, firstHalf, bulkRows, clock.now()) : 0;
  await admin.query("VACUUM (ANALYZE) callback_request");
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
  for (const e of [...registerEmpty.errorSamples, ...registerFull.errorSamples]) log(`  register error: ${e}`);
  const shape = await admin.query<{ g: number; w: Date; n: number }>(
    "SELECT priority_group AS g, release_window AS w, count(*)::int AS n FROM callback_request WHERE status = 'pending' GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const hhmm = (w: Date) =>
    w.toLocaleTimeString("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
  log(
    `pending requests by priority group and release window: ${shape.rows.map((r) => `${r.g}/${hhmm(r.w)} ${r.n}`).join(", ")}`,
  );

  const withRequestsMb = mb(process.memoryUsage().rss);
  const heapUsedMb = mb(process.memoryUsage().heapUsed);
  const sizes = await admin.query<{ total: string; heap: string; indexes: string }>(
    "SELECT pg_total_relation_size('callback_request') AS total, pg_table_size('callback_request') AS heap, pg_indexes_size('callback_request') AS indexes",
  );
  const s = sizes.rows[0]!;
  const relation = { totalMb: mb(Number(s.total)), heapMb: mb(Number(s.heap)), indexMb: mb(Number(s.indexes)) };
  const before = await explainClaim(admin, claimAt, config.CALLBACK_LEASE_SECONDS);
  log(planLines("plan before claims", before).join("\n"));

  clock.set(claimAt);
  log(`claims: ${o.workers} workers in this process, ${o.seconds} s or until empty`);
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
  for (const e of claim.errorSamples) log(`  claim error: ${e}`);
  log(checkLines(bench).join("\n"));
  log(planLines("plan after claims", after).join("\n"));
  const line = resultJson(bench);
  return { file: "callbacks.json", line, exitCode: line.duplicates > 0 || line.errors > 0 ? 1 : 0 };
});
