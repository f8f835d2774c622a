// Whole-call benchmark of the phone menu: `npm run bench:ivr [-- --seconds 20 --concurrency 64
// --rate 1000 --think-ms 200 --warmup 3 --slices 4 --quiet-wait 60 --profile]`. Not a test.
//
// - A fresh PostgreSQL database bench_ivr_<stamp>_<pid> next to DATABASE_URL (default
//   postgresql://postgres@127.0.0.1:5432/test), dropped at the end, on failure, SIGINT, SIGTERM.
// - The real server as a child process (`node --import tsx ivr/src/main.ts`), always open,
//   8 weeks of supply, pool of 20; it migrates and seeds on start. Its RSS is sampled.
// - The baseline: scripts/bench/support/bare-twiml-server.ts, one static <Gather> from Express.
// - The load generator runs in its own process (support/ivr-load-worker.ts): whole calls through
//   the project's CallEmulator and ScriptedCaller, signed like Twilio, TwiML followed. The
//   hotline gets the full booking path (silence, 2, birth year, a single-district NRW/Hessen
//   postcode, 1, birth date 1925-1940, a name recording, 1, 3), every prompt checked; the
//   baseline gets the same inputs (a spoken name instead of the recording), unchecked.
// - Phases, each warmed up (--warmup s) and drained afterwards: the closed loops (C callers, no
//   pauses) of baseline and hotline, --seconds each, in --slices alternating slices (ABBA) so
//   other work on a shared machine hits both alike; the hotline's open loop (Poisson call
//   arrivals at --rate webhooks/s over the measured requests per call, --think-ms pause before
//   each answer); the same open loop at half the closed loop's throughput. Before each slice it
//   waits up to --quiet-wait s for other work to stop; CPU is split per window into server,
//   PostgreSQL backends of the bench database, load generator, this process and other work.
// - Errors, by kind: HTTP statuses other than 200/204, emulator and TwiML errors (including
//   Twilio's 15 s timeout), prompts that did not match the script, apologies, exceptions, and
//   bookings the database gained that the callers did not hear. Then overbooked slots (0).
// - --profile then restarts the hotline with --cpu-prof and support/server-probe.ts (SQL round
//   trips per route, event-loop delay, heap after GC) for --profile-seconds: support/ivr-profile.ts.
// - BENCH_DB_POOL_SIZE sets the hotline's connection pool (default 20) for experiments.
// - When the server runs with autovacuum off, the tables a call rewrites are vacuumed every
//   --vacuum-seconds (default 10; 0: never) while the benchmark runs (support/vacuum-stand-in.ts).
// Exit code 1 on errors or overbooking; missed speed targets are printed as FAIL only.
// The last line is one JSON object, also written to bench-results/ivr.json.
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  benchDatabaseName,
  createDatabase,
  databaseUrlFor,
  DEFAULT_DATABASE_URL,
  dropDatabase,
  serverVersion,
} from "./support/bench-db.ts";
import type { LoadJob } from "./support/ivr-load.ts";
import { sessionStats } from "./support/ivr-db-stats.ts";
import { startVacuumStandIn } from "./support/vacuum-stand-in.ts";
import { combineSlices, measureSlice, waitForQuiet, type Slice } from "./support/ivr-phase.ts";
import { runProfile } from "./support/ivr-profile.ts";
import { OTHER_WORK_WARNING, resultJson } from "./support/ivr-report.ts";
import { gatherErrors, printResults, printTargets } from "./support/ivr-results.ts";
import { LoadWorker } from "./support/load-worker-client.ts";
import { checkLedger } from "./support/verify.ts";
import { killAllChildren, startServer, type ServerProcess } from "./support/server-process.ts";
import { saveResult } from "./support/bench-results.ts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    concurrency: { type: "string", default: "64" },
    rate: { type: "string", default: "1000" },
    "think-ms": { type: "string", default: "200" },
    warmup: { type: "string", default: "3" },
    "max-calls": { type: "string", default: "5000" },
    "quiet-wait": { type: "string", default: "60" },
    slices: { type: "string", default: "4" },
    profile: { type: "boolean", default: false },
    "profile-seconds": { type: "string", default: "10" },
    "vacuum-seconds": { type: "string", default: "10" },
  },
});
const seconds = Number(args.seconds);
const concurrency = Number(args.concurrency);
const rate = Number(args.rate);
const thinkMs = Number(args["think-ms"]);
const warmup = Number(args.warmup);
const maxCalls = Number(args["max-calls"]);
const profileSeconds = Number(args["profile-seconds"]);
const quietWait = Number(args["quiet-wait"]);
const slices = Number(args.slices);
const vacuumSeconds = Number(args["vacuum-seconds"]);
if (!(vacuumSeconds >= 0)) throw new Error("--vacuum-seconds must be >= 0");
if (!Number.isInteger(slices) || slices < 1 || slices > 20) throw new Error("--slices must be an integer in 1..20");
if (!(seconds > 0) || !(rate > 0) || !(warmup >= 0) || !(thinkMs >= 0) || !(profileSeconds > 0) || !(quietWait >= 0)) {
  throw new Error("--seconds, --rate and --profile-seconds must be > 0, --warmup, --think-ms and --quiet-wait >= 0");
}
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
  throw new Error("--concurrency must be an integer in 1..1000");
if (!Number.isInteger(maxCalls) || maxCalls < 1) throw new Error("--max-calls must be a positive integer");

const AUTH_TOKEN = "bench-ivr-auth-token-0123456789";
const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const dbName = benchDatabaseName("bench_ivr");
const benchUrl = databaseUrlFor(serverUrl, dbName);
const log = (line = "") => process.stdout.write(`${line}\n`);

const HOTLINE_ENV: Record<string, string> = {
  DATABASE_URL: benchUrl,
  LOG_LEVEL: "warn",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
  SEED_WEEKS: "8",
  DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? "20",
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TELEPHONY: "emulator",
};

let created = false;
let admin: pg.Client | null = null;
let worker: LoadWorker | null = null;
const servers: ServerProcess[] = [];
let cleanup: Promise<void> | null = null;
let interrupted = false;
function cleanUp(): Promise<void> {
  cleanup ??= (async () => {
    worker?.stop();
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
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
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping, dropping ${dbName}\n`);
    killAllChildren();
    worker?.stop();
    void cleanUp().finally(() => process.exit(130));
  });
}

const job = (
  target: LoadJob["target"],
  mode: LoadJob["mode"],
  baseUrl: string,
  serialBase: number,
  requestsPerCall = 11,
  offered = rate,
): LoadJob => ({
  target,
  mode,
  baseUrl,
  authToken: AUTH_TOKEN,
  warmupSeconds: warmup,
  seconds,
  concurrency,
  rate: offered,
  requestsPerCall,
  thinkMs,
  maxCalls,
  serialBase,
});

/** Waits for other work on the shared machine to stop (up to --quiet-wait s), then measures one slice. */
async function slice(j: LoadJob, server: ServerProcess, db: pg.Client | null): Promise<Slice> {
  const quiet = await waitForQuiet(
    [...new Set([server.pid, ...servers.map((s) => s.pid), worker!.pid, process.pid])],
    dbName,
    quietWait,
  );
  if (quiet.otherCores >= OTHER_WORK_WARNING)
    log(
      `  other work still uses ${quiet.otherCores} cores of this machine after ${quiet.waitedSeconds} s; measuring anyway`,
    );
  else if (quiet.waitedSeconds > 1.5) log(`  waited ${quiet.waitedSeconds} s for other work on this machine to stop`);
  return measureSlice(j, worker!, server, db, dbName);
}

async function main(): Promise<number> {
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > 0.5)
    log(`note: load average ${loadBefore.toFixed(2)} before the run; other work on this machine skews the numbers`);
  const postgres = await serverVersion(serverUrl);
  await createDatabase(serverUrl, dbName);
  created = true;
  log(`database ${dbName} on PostgreSQL ${postgres}; starting the hotline (migrates and seeds 8 weeks of supply) ...`);
  const t0 = Date.now();
  const hotline = await startServer({ name: "hotline", script: "ivr/src/main.ts", env: HOTLINE_ENV });
  servers.push(hotline);
  const serverStartSeconds = Math.round((Date.now() - t0) / 100) / 10;
  admin = new pg.Client({ connectionString: benchUrl });
  await admin.connect();
  const supply = (
    await admin.query<{ pairs: number }>("SELECT COALESCE(sum(capacity), 0)::int AS pairs FROM slot WHERE dose = 1")
  ).rows[0]!;
  log(`hotline pid ${hotline.pid} healthy after ${serverStartSeconds} s: ${supply.pairs} pairs on offer`);
  await admin.query("VACUUM (ANALYZE)");
  const vacuum = vacuumSeconds > 0 ? await startVacuumStandIn(benchUrl, vacuumSeconds) : null;
  if (vacuum)
    log(
      `this PostgreSQL runs with autovacuum off: the benchmark vacuums the tables a call rewrites every ${vacuumSeconds} s, as autovacuum would`,
    );

  worker = await LoadWorker.start();
  log(`load generator pid ${worker.pid}: ${worker.postcodes} single-district postcodes of NRW and Hessen`);
  log(
    `phases: ${warmup} s warm-up + ${seconds} s measured each; closed loop ${concurrency} callers; open loop ${rate} webhooks/s offered, ${thinkMs} ms pauses`,
  );

  const bare = await startServer({ name: "baseline", script: "scripts/bench/support/bare-twiml-server.ts", env: {} });
  servers.push(bare);
  // The closed loops alternate in slices (baseline, hotline, hotline, baseline, ...), each side
  // --seconds in all, so other work on the machine falls on both alike.
  log(
    `\n== closed loops, ${concurrency} callers: baseline (bare Express + static TwiML, pid ${bare.pid}) and hotline in ${slices} alternating slices each ==`,
  );
  const sliceJob = (target: LoadJob["target"], round: number): LoadJob => ({
    ...job(
      target,
      "closed",
      target === "ivr" ? hotline.url : bare.url,
      (target === "ivr" ? 10_000_000 : 0) + round * 1_000_000,
    ),
    seconds: seconds / slices,
    session: target,
  });
  const baselineSlices: Slice[] = [];
  const closedSlices: Slice[] = [];
  for (let round = 0; round < slices; round++) {
    const order = round % 2 === 0 ? (["baseline", "ivr"] as const) : (["ivr", "baseline"] as const);
    for (const target of order) {
      const done =
        target === "ivr"
          ? await slice(sliceJob("ivr", round), hotline, admin)
          : await slice(sliceJob("baseline", round), bare, null);
      (target === "ivr" ? closedSlices : baselineSlices).push(done);
      log(
        `  ${target === "ivr" ? "hotline " : "baseline"} slice ${round + 1}/${slices}: ${done.load.requestsPerSecond} req/s so far, p99 ${done.load.latency.p99Ms} ms`,
      );
    }
  }
  await bare.stop();
  const baseline = combineSlices("baseline closed", baselineSlices);
  const closed = combineSlices("ivr closed", closedSlices);
  log(
    `baseline ${baseline.load.requestsPerSecond} req/s, hotline ${closed.load.requestsPerSecond} req/s (${closed.load.requestsPerCall} requests per call)`,
  );

  const perCall = closed.load.requestsPerCall > 0 ? closed.load.requestsPerCall : 11;
  log(`\n== hotline, open loop: ${rate} webhooks/s offered = ${(rate / perCall).toFixed(1)} calls/s ==`);
  const open = combineSlices("ivr open", [
    await slice(job("ivr", "open", hotline.url, 20_000_000, perCall), hotline, admin),
  ]);
  log(
    `${open.load.requestsPerSecond} req/s achieved, p99 ${open.load.latency.p99Ms} ms, up to ${open.load.maxCallsInProgress} calls in progress`,
  );

  // The same open loop at half the closed loop's throughput: latency when the server keeps up.
  const halfRate = Math.max(10, Math.round(closed.load.requestsPerSecond / 20) * 10);
  log(`\n== hotline, open loop at half its closed-loop throughput: ${halfRate} webhooks/s offered ==`);
  const half = combineSlices(`ivr open ${halfRate}/s`, [
    await slice(job("ivr", "open", hotline.url, 40_000_000, perCall, halfRate), hotline, admin),
  ]);
  log(`${half.load.requestsPerSecond} req/s achieved, p99 ${half.load.latency.p99Ms} ms`);

  const vacuumed = await vacuum?.stop();
  const check = await checkLedger(admin);
  const holdsLeft = (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM hold")).rows[0]!.n;
  const sessions = await sessionStats(admin);
  const phases = { baseline, closed, open, half };
  const { errors, errorsByKind } = gatherErrors(phases);
  printResults(log, phases, { ledger: check, holdsLeft, sessions, hotline, errors });
  const json = resultJson({
    ...phases,
    halfRate,
    errors,
    errorsByKind,
    overbooked: check.overbooked,
    offeredRate: rate,
    concurrency,
    seconds,
    thinkMs,
    postgres,
    loadBefore,
    serverStartSeconds,
  });
  printTargets(log, json);

  let profile: Awaited<ReturnType<typeof runProfile>> | undefined;
  if (args.profile) {
    await hotline.stop();
    profile = await runProfile({
      env: HOTLINE_ENV,
      worker,
      job: { ...job("ivr", "closed", "", 30_000_000), seconds: profileSeconds },
      sequentialSeconds: Math.min(profileSeconds, 5),
      log,
      track: (s) => servers.push(s),
    });
  }

  await cleanUp();
  const out = {
    ...json,
    callSessions: sessions,
    vacuumStandIn: vacuumed ? { everySeconds: vacuumSeconds, ...vacuumed } : null,
    ...(profile ? { profile: profile.summary } : {}),
  };
  saveResult("ivr.json", out);
  log(JSON.stringify(out));
  return errors > 0 || check.overbooked > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    if (interrupted) return; // the signal handler cleans up and exits
    process.stderr.write(
      `bench:ivr failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await cleanUp();
    process.exit(1);
  },
);
