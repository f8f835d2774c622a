// Whole emulated calls through the hotline against a bare Express TwiML route on the same machine
// (`npm run bench:ivr [-- --quick]`, flags below). Closed loops of --concurrency callers on the
// baseline, then on the hotline (8 weeks of supply, pool of 20): requests/s and their ratio; then
// the hotline's open loop at --rate webhooks/s offered: its p99. Errors (statuses other than
// 200/204, emulator errors, unexpected prompts, apologies, bookings no caller heard) or an
// overbooked ledger: exit 1; missed speed targets only set `pass` false. The last line is the JSON.
import { log, machine, runCommand } from "../harness/command.ts";
import { benchDatabase, connect } from "../harness/database.ts";
import { startHotline, startServer } from "../harness/server.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { round, sum } from "../harness/stats.ts";
import { startVacuumStandIn } from "../harness/vacuum.ts";
import { singleDistrictPostcodes } from "../load/postcodes.ts";
import { runPhase, type Phase } from "./ivr-load.ts";

const TARGETS = { ratio: 0.5, openLoopP99Ms: 100 } as const;

const o = readOptions({
  seconds: { default: 20, quick: 4, above: 0 },
  concurrency: { default: 64, min: 1, max: 1000, integer: true },
  rate: { default: 1000, above: 0 },
  "think-ms": { default: 200, min: 0 },
  warmup: { default: 3, quick: 1, min: 0 },
  "vacuum-seconds": { default: 10, min: 0 },
});

runCommand("bench:ivr", async () => {
  const { db, postgres, loadBefore } = await benchDatabase("bench_ivr");
  log("starting the hotline (migrates and seeds 8 weeks of supply) ...");
  const hotline = await startHotline({ databaseUrl: db.url, env: { SEED_WEEKS: "8", DB_POOL_SIZE: "20" } });
  const admin = await connect(db.url);
  await admin.query("VACUUM (ANALYZE)");
  const countBookings = async () =>
    (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM booking")).rows[0]!.n;
  const bookingsBefore = await countBookings();
  const vacuum = await startVacuumStandIn(db.url, o["vacuum-seconds"]);
  const bare = await startServer({ name: "baseline", script: "scripts/perf/bench/bare-twiml-server.ts", env: {} });
  const postcodes = singleDistrictPostcodes();
  const phase = (target: Phase["target"], loop: Phase["loop"], serialBase: number): Phase => ({
    target,
    baseUrl: target === "ivr" ? hotline.url : bare.url,
    warmupSeconds: o.warmup,
    seconds: o.seconds,
    loop,
    serialBase,
  });
  const run = async (name: string, p: Phase) => {
    log(`${name} ...`);
    const result = await runPhase(p, postcodes);
    log(`  ${result.requestsPerSecond} req/s, p99 ${result.latency.p99Ms} ms, ${result.errors} errors`);
    return result;
  };

  const callers = { closed: true, concurrency: o.concurrency } as const;
  const baseline = await run(`baseline, ${o.concurrency} callers`, phase("baseline", callers, 0));
  await bare.stop();
  const closed = await run(`hotline, ${o.concurrency} callers`, phase("ivr", callers, 10_000_000));
  // The open loop offers --rate webhooks/s as calls/s of the closed loop's requests per call.
  const requestsPerCall = closed.requestsPerCall > 0 ? closed.requestsPerCall : 11;
  const arrivals = { closed: false, rate: o.rate, requestsPerCall, thinkMs: o["think-ms"] } as const;
  const open = await run(`hotline, open loop at ${o.rate} webhooks/s`, phase("ivr", arrivals, 20_000_000));
  await vacuum?.stop();

  const errorsByKind: Record<string, number> = {};
  for (const [name, result] of Object.entries({ baseline, closed, open })) {
    for (const [kind, n] of Object.entries(result.errorsByKind)) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + n;
    for (const sample of result.errorSamples.slice(0, 3)) log(`  ${name}, e.g. ${sample.replace(/\n/g, " ")}`);
  }
  const unheard = (await countBookings()) - bookingsBefore - closed.bookingsTotal - open.bookingsTotal;
  if (unheard !== 0) errorsByKind.booking_count_mismatch = Math.abs(unheard);
  const errors = sum(Object.values(errorsByKind));
  const { overbooked } = await checkLedger(admin);
  for (const [msg, n] of hotline.logCounts) log(`hotline log (warn+): ${n} × ${msg}`);

  const ratio = round(closed.requestsPerSecond / baseline.requestsPerSecond, 3);
  const line = {
    benchmark: "ivr",
    date: new Date().toISOString(),
    concurrency: o.concurrency,
    seconds: o.seconds,
    requestsPerSecond: closed.requestsPerSecond,
    baselineRequestsPerSecond: baseline.requestsPerSecond,
    ratio,
    p99Ms: closed.latency.p99Ms,
    openLoop: {
      offeredRate: o.rate,
      achievedRate: open.requestsPerSecond,
      p99Ms: open.latency.p99Ms,
      shedCalls: open.shedCalls,
    },
    errors,
    errorsByKind,
    overbooked,
    pass: {
      ratio: ratio >= TARGETS.ratio,
      openLoopP99: open.latency.p99Ms < TARGETS.openLoopP99Ms,
      errors: errors === 0,
      overbooked: overbooked === 0,
    },
    machine: { ...machine(), postgres, loadAvgBefore: round(loadBefore) },
  };
  return { file: "ivr.json", line, exitCode: errors > 0 || overbooked > 0 ? 1 : 0 };
});
