// The KVWL launch morning, scaled to one machine: `npm run bench:launch [-- --quick] [--rate 20
// --seconds 60 --think-ms 300 --workers 2 --supply-ratio 0.6]`. Not a test.
//
// 25 January 2021: 280,000 calls between 08:00 and 09:00 (≈ 78 calls/s) for KV Westfalen-Lippe
// alone. Here: the real server (`ivr/src/main.ts --workers N`, child process) on a fresh
// PostgreSQL database next to DATABASE_URL (dropped at the end, on failure and on SIGINT),
// always open, no callback dialler, ONE week of supply with the weekly doses cut so that the
// pairs on offer are --supply-ratio of the callers who will try to book: centres fill up during
// the run, then whole regions, and callers meet "full" answers. Callers arrive open-loop
// (Poisson, --rate calls/s for --seconds; --quick: 4 calls/s for 15 s) with the mix of
// support/launch-callers.ts, pausing --think-ms (±50 %) before each answer.
//
// Invariants, all must be 0 (exit 1 otherwise):
// - errors: webhook answers other than 200/204 (each status counted), transport errors, invalid
//   TwiML, a caller who heard a prompt it could not place (script error), and apologies
//   ("technisches Problem": the server caught an exception);
// - serverErrors: 5xx answers;
// - busyTones: see support/launch-callers.ts (Reject, no TwiML answer, server hang-up without
//   a closing prompt);
// - doubleBookings: ledgerViolations() overCapacity + countMismatch + halfPairs, plus persons
//   with more than one active booking (and confirmed bookings missing from the database);
// - falseFull: a "centre full" or "region full" answer while that centre / KV region had a
//   free pair (both doses free, from the offer lead time on), read right after the caller
//   heard it. Hang-ups happen only before a pair is held, so no hold is given back between the
//   server's answer and this read.
// Prints per-second throughput, p50/p95/p99 webhook latency, bookings, callbacks, outcomes,
// invariants and "NRW launch days per hour one machine covers" = calls completed per hour at
// the measured rate / 280,000. Writes bench-results/launch.json and launch.png (+ .svg).
// The last line is one JSON object.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serverVersion } from "./support/bench-db.ts";
import { singleDistrictPostcodes } from "./support/ivr-postcodes.ts";
import { keepAliveFetch } from "./support/keepalive-fetch.ts";
import {
  drawCaller,
  LaunchRecorder,
  MIX,
  NOT_FOUND,
  openLoop,
  OUTCOMES,
  placeLaunchCall,
  UNCHECKED,
  type CallerContext,
  type CallRecord,
  type Outcome,
} from "./support/launch-callers.ts";
import { writeChart } from "./support/launch-chart.ts";
import { LedgerProbe, newPool, verifyRun } from "./support/launch-checks.ts";
import {
  cleanUpOnSignals,
  LAUNCH_AUTH_TOKEN,
  startLaunchHotline,
  type LaunchHotline,
} from "./support/launch-hotline.ts";
import { latency } from "./support/run-phase.ts";
import { REPO_ROOT } from "./support/server-process.ts";
import { startVacuumStandIn } from "./support/vacuum-stand-in.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rate: { type: "string" },
    seconds: { type: "string" },
    "think-ms": { type: "string", default: "300" },
    workers: { type: "string", default: "2" },
    "supply-ratio": { type: "string", default: "0.6" },
    "max-in-progress": { type: "string", default: "2000" },
  },
});
const rate = Number(args.rate ?? (args.quick ? 4 : 20));
const seconds = Number(args.seconds ?? (args.quick ? 15 : 60));
const thinkMs = Number(args["think-ms"]);
const workers = Number(args.workers);
const supplyRatio = Number(args["supply-ratio"]);
const maxInProgress = Number(args["max-in-progress"]);
if (!(rate > 0 && rate <= 500) || !(seconds > 0 && seconds <= 1800))
  throw new Error("--rate must be in (0, 500], --seconds in (0, 1800]");
if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new Error("--workers must be an integer in 1..16");
if (!(thinkMs >= 0) || !(supplyRatio > 0) || !(maxInProgress >= 1))
  throw new Error("--think-ms >= 0, --supply-ratio > 0, --max-in-progress >= 1");

const KVWL_CALLS = 280_000;
const DRAIN_SECONDS = 120;
const log = (line = "") => process.stdout.write(`${line}\n`);
let hotline: LaunchHotline | null = null;
cleanUpOnSignals(log);
// Hard stop: start-up, arrivals, drain, checks.
setTimeout(
  () => {
    process.stderr.write("bench:launch: hard time limit reached\n");
    void (hotline?.cleanUp() ?? Promise.resolve()).finally(() => process.exit(1));
  },
  (180 + seconds + DRAIN_SECONDS + 60) * 1000,
).unref();

async function main(): Promise<number> {
  const postcodes = singleDistrictPostcodes();
  // Callers who will try to book: book + wrong-postcode shares; pairs on offer = ratio of them.
  const bookShare = MIX.filter(([p]) => p === "book" || p === "wrong-postcode").reduce((s, [, x]) => s + x, 0);
  const targetPairs = Math.max(3, Math.round(rate * seconds * bookShare * supplyRatio));
  const dosesPerRegion = Math.max(2, Math.ceil((targetPairs * 2) / 3));
  const postgres = await serverVersion(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test");
  hotline = await startLaunchHotline({
    prefix: "bench_launch",
    workers,
    log,
    env: {
      SEED_WEEKS: "1",
      DB_POOL_SIZE: "10",
      SEED_WEEKLY_DOSES_NORDRHEIN: String(dosesPerRegion),
      SEED_WEEKLY_DOSES_WESTFALEN_LIPPE: String(dosesPerRegion),
      SEED_WEEKLY_DOSES_HESSEN: String(dosesPerRegion),
    },
  });
  const pool = newPool(hotline.databaseUrl, 6);
  const probe = new LedgerProbe(pool);
  const supply = await probe.load();
  log(
    `hotline pid ${hotline.server.pid} (workers ${hotline.workerPids().join(", ")}) on PostgreSQL ${postgres}: ${supply.pairs} pairs in ${supply.centres} centres (${dosesPerRegion} doses per KV region, 1 week)`,
  );
  log(
    `callers: ${rate}/s open loop for ${seconds} s (≈ ${Math.round(rate * seconds)} calls, ≈ ${Math.round(rate * seconds * bookShare)} try to book), think ${thinkMs} ms`,
  );

  const vacuum = await startVacuumStandIn(hotline.databaseUrl);
  if (vacuum)
    log(
      "this PostgreSQL runs with autovacuum off: the run vacuums the tables a call rewrites every 10 s, as autovacuum would",
    );

  const recorder = new LaunchRecorder();
  const fetchImpl = keepAliveFetch(recorder);
  const records: CallRecord[] = [];
  const codePool: CallerContext["codePool"] = [];
  const ctx = {
    baseUrl: hotline.server.url,
    authToken: LAUNCH_AUTH_TOKEN,
    fetch: fetchImpl,
    thinkMs,
    codePool,
    checkFull: probe.free,
  };
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const loop = await openLoop({
    rate,
    seconds,
    maxInProgress,
    drainSeconds: DRAIN_SECONDS,
    call: async (serial) => {
      records.push(await placeLaunchCall(ctx, drawCaller(serial, postcodes, codePool)));
    },
  });
  const elapsedSeconds = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  recorder.addRun(elapsedSeconds * 1000, (cpu.user + cpu.system) / 1000, elapsedSeconds - loop.arrivalSeconds);
  const load = recorder.result();
  const vacuumed = await vacuum?.stop();
  if (vacuumed) log(`vacuum stand-in: ${vacuumed.runs} runs, ${vacuumed.totalMs} ms in all`);
  const freeAtEnd = await probe.freeByRegion();
  const verification = await verifyRun(pool, records);
  await pool.end().catch(() => undefined);

  // Per second: requests and p99; steady state = from the 5th second to the end of arrivals.
  const series = recorder.perSecond.map((b, second) => ({
    second,
    requests: b.n,
    p99Ms: b.ms.length ? latency(b.ms).p99Ms : 0,
  }));
  const steady = series.slice(Math.min(5, series.length - 1), Math.max(6, Math.floor(loop.arrivalSeconds)));
  const requestsPerSecond =
    Math.round((steady.reduce((s, p) => s + p.requests, 0) / Math.max(1, steady.length)) * 10) / 10;
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of records) outcomes[r.outcome]++;
  const statuses = load.statuses;
  const serverErrors = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 500)
    .reduce((s, [, n]) => s + n, 0);
  const badStatuses = Object.entries(statuses)
    .filter(([s]) => s !== "200" && s !== "204")
    .reduce((s, [, n]) => s + n, 0);
  const callErrors = records.filter((r) => r.error && !r.error.kind.startsWith("http_"));
  const apologies = records.reduce((s, r) => s + r.apologies, 0);
  const checks = records.flatMap((r) => r.fullChecks);
  const unknownNames = checks.filter((c) => c.free === NOT_FOUND).length;
  const unchecked = checks.filter((c) => c.free === UNCHECKED).length;
  const errors = badStatuses + callErrors.length + apologies + unknownNames + unchecked + (loop.drained ? 0 : 1);
  const busy = records.filter((r) => r.busyTone);
  const falseFullChecks = checks.filter((c) => c.free > 0);
  const regionFullHeard = checks.filter((c) => c.kind === "region").length;
  const centreFullHeard = checks.filter((c) => c.kind === "centre").length;
  // Callers who heard "centre full" three times (chose an offered alternative, then heard it full).
  const repeatedFull = records.filter((r) => r.fullChecks.filter((c) => c.kind === "centre").length >= 3).length;
  const doubleBookings = verification.doubleBookings + verification.confirmedMissing.length;
  const completed = records.filter((r) => !r.error && !r.busyTone);
  const firstStart = Math.min(...records.map((r) => r.startedMs));
  const lastEnd = Math.max(...records.map((r) => r.endedMs));
  const callsPerSecond = completed.length / Math.max(1, (lastEnd - firstStart) / 1000);
  const launchDaysPerHour = Math.round(((callsPerSecond * 3600) / KVWL_CALLS) * 1000) / 1000;
  const meanCallSeconds =
    records.reduce((s, r) => s + (r.endedMs - r.startedMs), 0) / Math.max(1, records.length) / 1000;

  log("");
  log(`requests/s per second: ${series.map((p) => p.requests).join(" ")}`);
  log(`p99 ms per second:     ${series.map((p) => Math.round(p.p99Ms)).join(" ")}`);
  log(
    `throughput: ${requestsPerSecond} webhook requests/s (steady state), ${load.requests} requests in ${elapsedSeconds.toFixed(1)} s, ${(load.requests / Math.max(1, records.length)).toFixed(1)} per call`,
  );
  log(
    `latency: p50 ${load.latency.p50Ms} ms, p95 ${load.latency.p95Ms} ms, p99 ${load.latency.p99Ms} ms, max ${load.latency.maxMs} ms`,
  );
  log(
    `calls: ${records.length} placed (${loop.shed} shed, up to ${loop.maxInProgress} at once), ${completed.length} completed, mean ${meanCallSeconds.toFixed(1)} s each; ${callsPerSecond.toFixed(1)} completed calls/s`,
  );
  log(
    `bookings: ${verification.confirmedHeard} heard confirmed, ${verification.activeBookings} active in the ledger (of ${supply.pairs} pairs); callbacks registered: ${verification.callbacksHeard}`,
  );
  log(
    `"full" answers: ${centreFullHeard} centre full (alternative offered), ${regionFullHeard} region full; ${repeatedFull} callers heard "full" 3 times and gave up; free pairs per region at the end: ${JSON.stringify(freeAtEnd)}`,
  );
  log(
    `outcomes: ${Object.entries(outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  log(`statuses: ${JSON.stringify(statuses)}; keep-alive retries ${load.keepAliveRetries}; apologies ${apologies}`);
  const samples = [
    ...callErrors
      .slice(0, 3)
      .map((r) => `${r.error!.kind}: ${r.error!.message}\n    ${(r.trail ?? []).slice(-12).join(" | ")}`),
    ...busy.slice(0, 3).map((r) => `busy tone: ${r.busyTone}`),
    ...falseFullChecks.slice(0, 3).map((c) => `false full: ${c.kind} ${c.name} had ${c.free} free pairs`),
    ...load.errorSamples.slice(0, 3),
  ];
  for (const r of records.filter((r) => r.apologies > 0).slice(0, 2))
    samples.push(
      `apology (${r.plan.persona}, born ${r.plan.born.year}-${r.plan.born.month}-${r.plan.born.day}, ${r.plan.postcode}): ${(r.trail ?? []).slice(-14).join(" | ")}`,
    );
  if (samples.length) log(`samples:\n  ${samples.join("\n  ")}`);
  const server = [...hotline.server.logCounts()].map(([k, n]) => `${n}× ${k}`);
  if (server.length) log(`server log (warn+): ${server.slice(0, 8).join("; ")}`);
  const check = (ok: boolean, text: string) => log(`${ok ? "PASS" : "FAIL"}  ${text}`);
  check(
    errors === 0,
    `errors ${errors} (bad statuses ${badStatuses}, call errors ${callErrors.length}, apologies ${apologies}, unknown names ${unknownNames}, "full" answers the bench could not check ${unchecked}${loop.drained ? "" : ", drain timeout"})`,
  );
  check(serverErrors === 0, `serverErrors ${serverErrors}`);
  check(busy.length === 0, `busyTones ${busy.length}`);
  check(
    doubleBookings === 0,
    `doubleBookings ${doubleBookings} (overCapacity ${verification.overCapacity}, countMismatch ${verification.countMismatch}, halfPairs ${verification.halfPairs}, persons with 2+ ${verification.personsWithTwoBookings}, confirmed missing ${verification.confirmedMissing.length})`,
  );
  check(falseFullChecks.length === 0, `falseFull ${falseFullChecks.length} of ${checks.length} "full" answers`);
  log(
    `NRW launch days per hour one machine covers: ${launchDaysPerHour} (${Math.round(callsPerSecond * 3600)} calls/h vs ${KVWL_CALLS} in the KVWL morning hour)`,
  );

  await hotline.cleanUp().then((lines) => lines.forEach((l) => log(l)));
  const dir = join(REPO_ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  const chart = writeChart(
    join(dir, "launch"),
    `bench:launch ${rate} calls/s offered, ${workers} workers: requests/s (blue), p99 ms (red)`,
    series,
  );
  log(
    chart.png ? `chart: ${chart.png}` : `chart: ${chart.svg} (no SVG converter found: install librsvg2-bin for a PNG)`,
  );
  const json = {
    benchmark: "launch",
    date: new Date().toISOString(),
    quick: args.quick,
    offeredCallsPerSecond: rate,
    seconds,
    thinkMs,
    workers,
    postgres,
    pairsOnOffer: supply.pairs,
    callers: records.length,
    shed: loop.shed,
    callsCompleted: completed.length,
    requests: load.requests,
    requestsPerSecond,
    p50Ms: load.latency.p50Ms,
    p95Ms: load.latency.p95Ms,
    p99Ms: load.latency.p99Ms,
    bookings: verification.confirmedHeard,
    activeBookings: verification.activeBookings,
    callbacksRegistered: verification.callbacksHeard,
    centreFullHeard,
    regionFullHeard,
    repeatedFull,
    outcomes,
    errors,
    serverErrors,
    busyTones: busy.length,
    doubleBookings,
    falseFull: falseFullChecks.length,
    apologies,
    launchDaysPerHour,
    completedCallsPerSecond: Math.round(callsPerSecond * 10) / 10,
    vacuumStandIn: vacuumed ?? null,
  };
  writeFileSync(
    join(dir, "launch.json"),
    `${JSON.stringify({ ...json, perSecond: series, statuses, verification, freeAtEnd, samples, serverLog: server }, null, 2)}\n`,
  );
  log(JSON.stringify(json));
  return errors + serverErrors + busy.length + doubleBookings + falseFullChecks.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(
      `bench:launch failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await hotline?.cleanUp().catch(() => undefined);
    log(JSON.stringify({ callers: 0, error: String(error).slice(0, 300), errors: 1 }));
    process.exit(1);
  },
);
