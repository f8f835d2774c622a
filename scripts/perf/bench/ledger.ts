// Ledger booking benchmark (`npm run bench:ledger [-- --quick]`, flags below); not a test.
// A throw-away database with 8 weeks of supply (~596,000 pairs). Per level of C concurrent
// bookers (32; --sweep: 16, 32, 64), on disjoint pools of free pairs: ledger.book (Prisma, one SQL
// function call), then the same booking as raw SQL through pg. Each phase starts with VACUUM
// (ANALYZE), as autovacuum would leave the statistics, and --warmup seconds not counted.
// Targets (`pass`): >= 1,000 pairs/s and ledger/raw >= 0.25. Exit code 1 on errors (a booking
// count the database disagrees with is one) or overbooking (harness/ledger-checks.ts).
import { log, machine, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger, newPool } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { latency, round } from "../harness/stats.ts";
import { ledgerBook, loadCandidatePools, rawBook, runTimed, type Book, type Candidate } from "./ledger-bookers.ts";

const options = readOptions({
  seconds: { default: 10, quick: 2, above: 0 },
  concurrency: { default: 32, min: 16, max: 64, integer: true },
  sweep: "flag",
  warmup: { default: 1, quick: 0, min: 0 },
});
const levels = options.sweep ? [16, 32, 64] : [options.concurrency];

runCommand("bench:ledger", async () => {
  const { db, postgres, loadBefore } = await benchDatabase("bench_ledger");
  log("migrating and seeding 8 weeks of supply ...");
  const open = async (concurrency: number) =>
    (await benchServices(db.url, { SEED_WEEKS: "8", DB_POOL_SIZE: String(concurrency + 4) })).services;
  await (await open(levels[0]!)).close();
  const admin = await connect(db.url);
  const bookings = async () => (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM booking")).rows[0]!.n;

  const phase = async (name: string, concurrency: number, pool: Candidate[], book: Book) => {
    await admin.query("VACUUM (ANALYZE)");
    if (options.warmup > 0) await runTimed(concurrency, options.warmup, pool, book);
    const before = await bookings();
    const run = await runTimed(concurrency, options.seconds, pool, book);
    const gained = (await bookings()) - before;
    if (gained !== run.pairs) run.errors.push(`database gained ${gained} bookings, bookers counted ${run.pairs}`);
    if (pool.length === 0) log(`  warning: ${name} ran out of candidate slots`);
    for (const error of run.errors.slice(0, 5)) log(`  ${name} error: ${error}`);
    const { p50Ms, p99Ms } = latency(run.bookMs);
    return {
      pairsPerSecond: round(run.pairs / run.elapsedSeconds, 1),
      p50Ms,
      p99Ms,
      pairs: run.pairs,
      conflicts: run.conflicts,
      errors: run.errors.length,
      overbooked: (await checkLedger(admin)).overbooked,
    };
  };

  const results = [];
  for (const concurrency of levels) {
    log(`== concurrency ${concurrency}: ${options.seconds} s per phase, pool ${concurrency + 4} connections ==`);
    const [ledgerPool, rawPool] = await loadCandidatePools(admin);
    const services = await open(concurrency);
    const ledger = await phase("ledger", concurrency, ledgerPool, ledgerBook(services.ledger));
    await services.close();
    const pool = newPool(db.url, concurrency + 4);
    const raw = await phase("raw SQL", concurrency, rawPool, rawBook(pool)).finally(() => pool.end());
    const ratio = round(ledger.pairsPerSecond / raw.pairsPerSecond, 3);
    log(`  ledger ${ledger.pairsPerSecond} pairs/s, raw SQL ${raw.pairsPerSecond} pairs/s, ratio ${ratio}`);
    results.push({ concurrency, ledger, raw, ratio });
  }

  // The headline is concurrency 32 (or the only level run); errors and overbooked cover all phases.
  const head = results.find((l) => l.concurrency === 32) ?? results[0]!;
  const phases = results.flatMap((l) => [l.ledger, l.raw]);
  const line = {
    benchmark: "ledger",
    date: new Date().toISOString(),
    concurrency: head.concurrency,
    seconds: options.seconds,
    pairsPerSecond: head.ledger.pairsPerSecond,
    rawSqlPairsPerSecond: head.raw.pairsPerSecond,
    ratio: head.ratio,
    p50Ms: head.ledger.p50Ms,
    p99Ms: head.ledger.p99Ms,
    pairs: head.ledger.pairs,
    conflicts: head.ledger.conflicts,
    errors: phases.reduce((n, p) => n + p.errors, 0),
    overbooked: Math.max(...phases.map((p) => p.overbooked)),
    pass: { pairsPerSecond: head.ledger.pairsPerSecond >= 1_000, ratio: head.ratio >= 0.25 },
    machine: { ...machine(), postgres, loadAvgBefore: round(loadBefore) },
  };
  const exitCode = line.errors > 0 || line.overbooked > 0 ? 1 : 0;
  // Every level's phases go to bench-results/ledger.json only.
  return { file: "ledger.json", line, detail: { levels: results }, exitCode };
});
