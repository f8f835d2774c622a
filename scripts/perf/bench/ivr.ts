// Whole-call benchmark of the phone menu: `npm run bench:ivr [-- --quick] [--seconds 20
// --concurrency 64 --rate 1000 --think-ms 200 --warmup 3 --slices 4 --quiet-wait 60
// --vacuum-seconds 10 --max-calls 5000]`. Not a test.
//
// - The real hotline (harness/hotline.ts) on a throw-away PostgreSQL database, 8 weeks of supply,
//   pool of 20; beside it the baseline, bare-twiml-server.ts: one static <Gather> from Express.
// - The load generator runs in its own process (ivr-load-worker.ts): whole calls through the
//   project's CallEmulator, the booking path with every prompt checked for the hotline, the same
//   inputs unchecked for the baseline (ivr-load.ts).
// - Phases, each warmed up (--warmup s) and drained afterwards: the closed loops (C callers, no
//   pauses) of baseline and hotline, --seconds each, in --slices alternating slices (ABBA) so other
//   work on a shared machine hits both alike; the hotline's open loop (Poisson arrivals at --rate
//   webhooks/s over the measured requests per call, --think-ms pauses); the same open loop at half
//   the closed loop's throughput. Before each slice it waits up to --quiet-wait s for other work
//   to stop; CPU is split per window into server, PostgreSQL backends of the bench database, load
//   generator, this process and other work (ivr-measure.ts).
// - Errors by kind: HTTP statuses other than 200/204, emulator and TwiML errors (including
//   Twilio's 15 s timeout), prompts that did not match the script, apologies, exceptions, and
//   bookings the database gained that the callers did not hear. Then the ledger check (0).
// - With autovacuum off on the server, the tables a call rewrites are vacuumed every
//   --vacuum-seconds (0: never) while the run lasts (harness/vacuum.ts).
// --quick: 2 slices of 2 s per side, 1 s warm-up, at most 5 s waiting for quiet.
// Exit code 1 on errors or overbooking; missed speed targets are false in the JSON line's `pass` only.
// The last line is the JSON, also in bench-results/ivr.json.
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, connect } from "../harness/database.ts";
import { startHotline } from "../harness/hotline.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { startServer, type ServerProcess } from "../harness/server.ts";
import { startVacuumStandIn } from "../harness/vacuum.ts";
import type { LoadJob, Target } from "./ivr-load.ts";
import {
  combineSlices,
  LoadWorker,
  measureSlice,
  OTHER_WORK_WARNING,
  sessionStats,
  waitForQuiet,
  type Slice,
} from "./ivr-measure.ts";
import { gatherErrors, printResults, resultJson } from "./ivr-report.ts";

const o = readOptions({
  seconds: { default: 20, quick: 4, above: 0 },
  concurrency: { default: 64, min: 1, max: 1000, integer: true },
  rate: { default: 1000, above: 0 },
  "think-ms": { default: 200, min: 0 },
  warmup: { default: 3, quick: 1, min: 0 },
  "max-calls": { default: 5000, min: 1, integer: true },
  "quiet-wait": { default: 60, quick: 5, min: 0 },
  slices: { default: 4, quick: 2, min: 1, max: 20, integer: true },
  "vacuum-seconds": { default: 10, min: 0 },
});

runCommand("bench:ivr", async () => {
  const { db, postgres, loadBefore } = await benchDatabase("bench_ivr");
  log("starting the hotline (migrates and seeds 8 weeks of supply) ...");
  const t0 = Date.now();
  const hotline = await startHotline({ databaseUrl: db.url, env: { SEED_WEEKS: "8", DB_POOL_SIZE: "20" } });
  const serverStartSeconds = Math.round((Date.now() - t0) / 100) / 10;
  const admin = await connect(db.url);
  await admin.query("VACUUM (ANALYZE)");
  const vacuum = await startVacuumStandIn(db.url, o["vacuum-seconds"]);
  const worker = await LoadWorker.start();
  onCleanup(() => worker.stop());
  const bare = await startServer({ name: "baseline", script: "scripts/perf/bench/bare-twiml-server.ts", env: {} });

  const job = (target: Target, mode: LoadJob["mode"], serialBase: number, more: Partial<LoadJob> = {}): LoadJob => ({
    target,
    mode,
    baseUrl: target === "ivr" ? hotline.url : bare.url,
    warmupSeconds: o.warmup,
    seconds: o.seconds,
    concurrency: o.concurrency,
    rate: o.rate,
    requestsPerCall: 11,
    thinkMs: o["think-ms"],
    maxCalls: o["max-calls"],
    serialBase,
    ...more,
  });
  /** Waits for other work on the shared machine to stop (up to --quiet-wait s), then measures one slice. */
  const slice = async (j: LoadJob, server: ServerProcess): Promise<Slice> => {
    const pids = [hotline.pid, bare.pid, worker.pid, process.pid];
    const quiet = await waitForQuiet(pids, db.name, o["quiet-wait"]);
    if (quiet.otherCores >= OTHER_WORK_WARNING)
      log(
        `  other work still uses ${quiet.otherCores} cores of this machine after ${quiet.waitedSeconds} s; measuring anyway`,
      );
    else if (quiet.waitedSeconds > 1.5) log(`  waited ${quiet.waitedSeconds} s for other work on this machine to stop`);
    return measureSlice(j, worker, server, j.target === "ivr" ? admin : null, db.name);
  };

  // The closed loops alternate in slices (baseline, hotline, hotline, baseline, ...), each side
  // --seconds in all, so other work on the machine falls on both alike.
  log(`closed loops, ${o.concurrency} callers: baseline and hotline in ${o.slices} alternating slices each`);
  const slices: Record<Target, Slice[]> = { ivr: [], baseline: [] };
  for (let round = 0; round < o.slices; round++) {
    for (const target of round % 2 === 0 ? (["baseline", "ivr"] as const) : (["ivr", "baseline"] as const)) {
      const serials = (target === "ivr" ? 10_000_000 : 0) + round * 1_000_000;
      const done = await slice(
        job(target, "closed", serials, { seconds: o.seconds / o.slices, session: target }),
        target === "ivr" ? hotline : bare,
      );
      slices[target].push(done);
      log(`  ${target} slice ${round + 1}/${o.slices}: ${done.load.requestsPerSecond} req/s so far`);
    }
  }
  await bare.stop();
  const baseline = combineSlices("baseline closed", slices.baseline);
  const closed = combineSlices("ivr closed", slices.ivr);
  const requestsPerCall = closed.load.requestsPerCall > 0 ? closed.load.requestsPerCall : 11;
  log(`hotline, open loop: ${o.rate} webhooks/s offered`);
  const open = combineSlices("ivr open", [await slice(job("ivr", "open", 20_000_000, { requestsPerCall }), hotline)]);

  // The same open loop at half the closed loop's throughput: latency when the server keeps up.
  const halfRate = Math.max(10, Math.round(closed.load.requestsPerSecond / 20) * 10);
  log(`hotline, open loop at half its closed-loop throughput: ${halfRate} webhooks/s offered`);
  const halfJob = job("ivr", "open", 40_000_000, { requestsPerCall, rate: halfRate });
  const half = combineSlices(`ivr open ${halfRate}/s`, [await slice(halfJob, hotline)]);

  const vacuumed = await vacuum?.stop();
  const ledger = await checkLedger(admin);
  const sessions = await sessionStats(admin);
  const phases = { baseline, closed, open, half };
  const { errors, errorsByKind } = gatherErrors(phases);
  printResults(phases, { ledger, hotline });
  const json = resultJson(phases, {
    halfRate,
    errors,
    errorsByKind,
    overbooked: ledger.overbooked,
    offeredRate: o.rate,
    concurrency: o.concurrency,
    seconds: o.seconds,
    thinkMs: o["think-ms"],
    postgres,
    loadBefore,
    serverStartSeconds,
  });
  const vacuumStandIn = vacuumed ? { everySeconds: o["vacuum-seconds"], ...vacuumed } : null;
  const line = { ...json, callSessions: sessions, vacuumStandIn };
  return { file: "ivr.json", line, exitCode: errors > 0 || ledger.overbooked > 0 ? 1 : 0 };
});
