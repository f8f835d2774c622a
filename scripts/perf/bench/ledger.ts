// Ledger booking benchmark: `npm run bench:ledger [-- --quick] [--seconds 10 --concurrency 32
// --sweep --find-seconds 3 --warmup 1]`. Not a test: it prints numbers.
//
// A throw-away PostgreSQL database (harness/database.ts) that openServices() migrates and seeds
// with 8 weeks of supply (NRW and Hessen, ~596,000 pairs). Per concurrency level C (default 32;
// --sweep runs 16, 32 and 64; --quick: 2 s phases, 1 s find+book, no warm-up):
// - "ledger find+book" (--find-seconds, first; not in the ratio): the path a caller takes, a
//   random centre, ledger.freePairs(centre, { limit: 20 }), one of those, ledger.book.
// - "ledger": C async bookers call ledger.book (Prisma $queryRaw, one SQL function call) on
//   candidates of one pool, for --seconds, on a pg.Pool of C+4 (DB_POOL_SIZE); latency is the
//   ledger.book call only (validation, person key, booking code, one round trip, error mapping).
// - "raw SQL": the same booking as `SELECT * FROM ledger_book_pair(...)` through a plain pg.Pool of
//   C+4, on the other pool of candidates (both drawn by one query and split: disjoint slots).
// Every phase follows VACUUM (ANALYZE) (statistics as autovacuum would have them: without them
// freePairs sorts every free slot of a centre, 3.5 ms instead of 0.1 ms) and --warmup seconds of
// the same work, not counted. pairs/s = bookings / wall time; a lost race (slot_taken) is a
// conflict, any other failure an error, and so is a booking count the database disagrees with.
// After each phase the ledger's invariants (harness/ledger-checks.ts) must all be 0.
// Targets (the JSON line's `pass`, exit code unaffected): ledger >= 1,000 pairs/s, ledger/raw >= 0.25.
// Exit code 1 on any error or overbooking. Last line: the JSON, also in bench-results/ledger.json.
import { log, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger, newPool } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { round } from "../harness/stats.ts";
import {
  loadCandidatePools,
  ledgerFindStep,
  ledgerPoolStep,
  PersonFactory,
  rawPoolStep,
  runTimed,
  type Step,
} from "./ledger-bookers.ts";
import { resultJson, summarise, type Level, type PhaseSummary } from "./ledger-report.ts";

const options = readOptions({
  seconds: { default: 10, quick: 2, above: 0 },
  concurrency: { default: 32, min: 16, max: 64, integer: true },
  sweep: "flag",
  "find-seconds": { default: 3, quick: 1, min: 0 },
  warmup: { default: 1, quick: 0, min: 0 },
});
const levels = options.sweep ? [16, 32, 64] : [options.concurrency];

runCommand("bench:ledger", async () => {
  const { db, postgres, loadBefore } = await benchDatabase("bench_ledger");
  log("migrating and seeding 8 weeks of supply ...");
  const open = async (concurrency: number) =>
    (await benchServices(db.url, { SEED_WEEKS: "8", DB_POOL_SIZE: String(concurrency + 4) })).services;
  const t0 = Date.now();
  const seeded = await open(levels[0]!);
  const people = new PersonFactory(seeded.geography);
  const centreIds = seeded.geography.allCentres().map((c) => c.id);
  await seeded.close();
  const admin = await connect(db.url);
  const autovacuum = (await admin.query<{ v: string }>("SELECT current_setting('autovacuum') AS v")).rows[0]!.v;
  if (autovacuum !== "on")
    log(`note: autovacuum is ${autovacuum} on this server; the benchmark vacuums before each phase`);
  const supply = (
    await admin.query<{ slots: number; pairs: number }>(
      "SELECT count(*)::int AS slots, COALESCE(sum(capacity), 0)::int AS pairs FROM slot WHERE dose = 1",
    )
  ).rows[0]!;
  const seededSeconds = ((Date.now() - t0) / 1000).toFixed(1);
  log(
    `seeded in ${seededSeconds} s: ${supply.pairs} pairs in ${supply.slots} first-dose slots, ${centreIds.length} centres`,
  );

  const bookings = async () => (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM booking")).rows[0]!.n;
  /** Fresh statistics and no dead rows from earlier phases, a warm-up, then the measured run. */
  const phase = async (name: string, concurrency: number, seconds: number, step: Step): Promise<PhaseSummary> => {
    await admin.query("VACUUM (ANALYZE)");
    if (options.warmup > 0) await runTimed(concurrency, options.warmup, step);
    const before = await bookings();
    const run = await runTimed(concurrency, seconds, step);
    const summary = summarise(name, run, await checkLedger(admin), (await bookings()) - before);
    if (summary.exhausted) log(`  warning: ${name} ran out of candidate slots`);
    for (const sample of summary.errorSamples) log(`  ${name} error: ${sample}`);
    return summary;
  };

  const results: Level[] = [];
  for (const concurrency of levels) {
    log(`\n== concurrency ${concurrency}: ${options.seconds} s per phase, pool ${concurrency + 4} connections ==`);
    const services = await open(concurrency);
    let find: PhaseSummary | undefined;
    let ledger: PhaseSummary;
    let pools: Awaited<ReturnType<typeof loadCandidatePools>>;
    try {
      if (options["find-seconds"] > 0)
        find = await phase(
          "ledger find+book",
          concurrency,
          options["find-seconds"],
          ledgerFindStep(services.ledger, people, "Find"),
        );
      // Drawn after find+book, so that phase's bookings do not turn into conflicts here.
      pools = await loadCandidatePools(admin, 2, centreIds);
      const [ledgerPool, rawPool] = pools;
      log(`  candidate first-dose slots: ${ledgerPool!.size} for ledger, ${rawPool!.size} for raw SQL`);
      ledger = await phase(
        "ledger",
        concurrency,
        options.seconds,
        ledgerPoolStep(services.ledger, ledgerPool!, people, "Ledger"),
      );
    } finally {
      await services.close();
    }
    const pool = newPool(db.url, concurrency + 4);
    const rawStep = rawPoolStep(pool, pools[1]!, people, "Raw");
    const raw = await phase("raw SQL", concurrency, options.seconds, rawStep).finally(() => pool.end());
    const level: Level = {
      concurrency,
      ledger,
      raw,
      find,
      ratio: round(ledger.pairsPerSecond / raw.pairsPerSecond, 3),
    };
    results.push(level);
    log(`  ledger ${ledger.pairsPerSecond} pairs/s, raw SQL ${raw.pairsPerSecond} pairs/s, ratio ${level.ratio}`);
  }
  const line = resultJson(results, { seconds: options.seconds, postgres, loadBefore });
  return { file: "ledger.json", line, exitCode: line.errors > 0 || line.overbooked > 0 ? 1 : 0 };
});
