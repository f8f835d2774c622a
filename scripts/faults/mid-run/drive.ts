// The common part of fault:kill-server and fault:restart-postgres: the real hotline with
// `--workers 2` on a fresh PostgreSQL database (scripts/bench/support/launch-hotline.ts), emulated
// callers on the booking path arriving open-loop (scripts/bench/support/launch-callers.ts),
// one fault injected mid-run while calls are in flight, calls kept coming, then the checks:
// - no 5xx, and every webhook answered with TwiML: a request that failed in transport is sent
//   once more, identically (Twilio's retry); it must then get an answer;
// - no busy tone (support/launch-callers.ts), no caller stuck on a prompt it cannot place;
// - every booking a caller heard confirmed ("Ihre Termine sind gebucht" + code) is active in
//   the database; ledgerViolations() all 0; nobody with two active bookings;
// - every callback a caller heard registered exists (the fallback journal's once replayed);
// - the hotline answers /healthz at the end; plus the fault's own checks.
// Pass/fail lines, a JSON file in bench-results/, the last line one JSON object; exit 1 on fail.
import { singleDistrictPostcodes } from "../../bench/support/ivr-postcodes.ts";
import { keepAliveFetch } from "../../bench/support/keepalive-fetch.ts";
import {
  drawCaller,
  LaunchRecorder,
  openLoop,
  OUTCOMES,
  placeLaunchCall,
  retryOnce,
  type CallRecord,
  type Outcome,
} from "../../bench/support/launch-callers.ts";
import { newPool, verifyRun } from "../../bench/support/launch-checks.ts";
import {
  cleanUpOnSignals,
  LAUNCH_AUTH_TOKEN,
  startLaunchHotline,
  type LaunchHotline,
} from "../../bench/support/launch-hotline.ts";
import { saveResult } from "../../bench/support/bench-results.ts";

export interface Check {
  ok: boolean;
  text: string;
}

export interface FaultContext {
  hotline: LaunchHotline;
  log: (line: string) => void;
  /** Calls in progress right now. */
  inFlight: () => number;
}

export interface MidRunFault<Info extends Record<string, unknown>> {
  name: string;
  prefix: string;
  quick: boolean;
  rate: number;
  seconds: number;
  /** Seconds after the first caller when the fault is injected. */
  faultAt: number;
  inject(ctx: FaultContext): Promise<Info>;
  /** Checks of the fault itself, after the run, with every call's record. */
  checks(info: Info, records: readonly CallRecord[], ctx: FaultContext): Promise<Check[]>;
  /** Runs on exit, failure and SIGINT before the database is dropped (e.g. start PostgreSQL again). */
  restore?: () => Promise<void>;
  /** Seconds to wait for the fallback journal to be replayed before callbacks are checked. */
  fallbackWaitSeconds?: number;
}

const log = (line = "") => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runMidRunFault<Info extends Record<string, unknown>>(fault: MidRunFault<Info>): Promise<never> {
  let hotline: LaunchHotline | null = null;
  cleanUpOnSignals(log, fault.restore);
  const finish = async () => {
    await fault.restore?.().catch((e: unknown) => log(`restore failed: ${String(e)}`));
    for (const line of (await hotline?.cleanUp().catch((e: unknown) => [`cleanup failed: ${String(e)}`])) ?? [])
      log(line);
  };
  setTimeout(
    () => {
      process.stderr.write(`${fault.name}: hard time limit reached\n`);
      void finish().finally(() => process.exit(1));
    },
    (240 + fault.seconds) * 1000,
  ).unref();
  try {
    const t0 = Date.now();
    hotline = await startLaunchHotline({
      prefix: fault.prefix,
      workers: 2,
      log,
      env: { SEED_WEEKS: "1", DB_POOL_SIZE: "10" },
    });
    log(
      `hotline primary ${hotline.server.pid}, workers ${hotline.workerPids().join(", ")}, healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    log(`callers on the booking path: ${fault.rate}/s for ${fault.seconds} s; fault at ${fault.faultAt} s`);
    const postcodes = singleDistrictPostcodes();
    const recorder = new LaunchRecorder();
    const retry = { retries: 0, retriesFailed: 0 };
    const ctx = {
      baseUrl: hotline.server.url,
      authToken: LAUNCH_AUTH_TOKEN,
      fetch: retryOnce(keepAliveFetch(recorder), retry),
      thinkMs: 300,
      codePool: [],
    };
    const records: CallRecord[] = [];
    let inFlight = 0;
    const faultCtx: FaultContext = { hotline, log, inFlight: () => inFlight };
    let info: Info | null = null;
    let faultError: unknown = null;
    const injected = sleep(fault.faultAt * 1000).then(async () => {
      try {
        info = await fault.inject(faultCtx);
      } catch (error) {
        faultError = error;
      }
    });
    const loop = await openLoop({
      rate: fault.rate,
      seconds: fault.seconds,
      maxInProgress: 500,
      drainSeconds: 90,
      call: async (serial) => {
        inFlight++;
        try {
          records.push(await placeLaunchCall(ctx, drawCaller(serial, postcodes, [], "book")));
        } finally {
          inFlight--;
        }
      },
    });
    await injected;
    if (faultError) throw faultError;
    const health = await fetch(`${hotline.server.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    const pool = newPool(hotline.databaseUrl, 3);
    const v = await verifyRun(pool, records, { waitForFallbackSeconds: fault.fallbackWaitSeconds ?? 0 });
    await pool.end().catch(() => undefined);
    const own = await fault.checks(info!, records, faultCtx);
    const load = recorder.result();
    const statuses = load.statuses;
    const serverErrors = Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((s, [, n]) => s + n, 0);
    const unanswered = records.filter(
      (r) => r.error && (r.error.kind === "emulator_unreachable" || r.error.kind.startsWith("http_")),
    );
    const otherErrors = records.filter((r) => r.error && !unanswered.includes(r));
    const busy = records.filter((r) => r.busyTone);
    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const r of records) outcomes[r.outcome]++;
    const apologies = records.reduce((s, r) => s + r.apologies, 0);
    const checks: Check[] = [
      {
        ok: loop.drained,
        text: `${records.length} calls placed, all ended (${loop.drained ? "drained" : "DRAIN TIMEOUT"})`,
      },
      {
        ok: serverErrors === 0,
        text: `${serverErrors} webhook answers with 5xx (statuses ${JSON.stringify(statuses)})`,
      },
      {
        ok: unanswered.length === 0,
        text: `${unanswered.length} calls left without a TwiML answer after one retry (${retry.retries} requests retried, ${retry.retriesFailed} retries failed)`,
      },
      {
        ok: otherErrors.length === 0,
        text: `${otherErrors.length} calls with invalid TwiML or a prompt the caller could not place`,
      },
      { ok: busy.length === 0, text: `${busy.length} busy tones` },
      {
        ok: v.confirmedMissing.length === 0,
        text: `${v.confirmedHeard - v.confirmedMissing.length}/${v.confirmedHeard} bookings heard confirmed are active in the database`,
      },
      {
        ok: v.overCapacity + v.countMismatch + v.halfPairs === 0,
        text: `ledgerViolations: overCapacity ${v.overCapacity}, countMismatch ${v.countMismatch}, halfPairs ${v.halfPairs}`,
      },
      {
        ok: v.personsWithTwoBookings === 0,
        text: `${v.personsWithTwoBookings} persons with more than one active booking`,
      },
      {
        ok: v.callbacksMissing.length === 0,
        text: `${v.callbacksHeard - v.callbacksMissing.length}/${v.callbacksHeard} callbacks heard registered exist`,
      },
      {
        ok: v.fallbackCallbacksMissing.length === 0,
        text: `${v.fallbackCallbacksHeard - v.fallbackCallbacksMissing.length}/${v.fallbackCallbacksHeard} fallback-journal callbacks heard registered exist after replay`,
      },
      { ok: health === 200, text: `hotline /healthz ${health} at the end` },
      ...own,
    ];
    log("");
    log(
      `outcomes: ${Object.entries(outcomes)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ", ",
        )}; apologies heard ${apologies}; active bookings ${v.activeBookings} (${v.unheardBookings} not heard by a caller)`,
    );
    log(
      `latency: p50 ${load.latency.p50Ms} ms, p99 ${load.latency.p99Ms} ms, max ${load.latency.maxMs} ms over ${load.requests} webhooks`,
    );
    const samples = [...unanswered, ...otherErrors, ...busy]
      .slice(0, 4)
      .map(
        (r) =>
          `${r.error?.kind ?? "busy"}: ${r.error?.message ?? r.busyTone}\n    ${(r.trail ?? []).slice(-10).join(" | ")}`,
      );
    if (samples.length) log(`samples:\n  ${samples.join("\n  ")}`);
    const serverLog = [...hotline.server.logCounts()].map(([k, n]) => `${n}× ${k}`);
    if (serverLog.length) log(`server log (warn+): ${serverLog.slice(0, 8).join("; ")}`);
    if (hotline.server.otherOutput.length)
      log(`server output: ${hotline.server.otherOutput.slice(0, 4).join(" / ").slice(0, 600)}`);
    for (const c of checks) log(`${c.ok ? "PASS" : "FAIL"}  ${c.text}`);
    const pass = checks.every((c) => c.ok);
    log(pass ? "RESULT: PASS" : "RESULT: FAIL");
    await finish();
    const json = {
      fault: fault.name,
      quick: fault.quick,
      pass,
      calls: records.length,
      outcomes,
      bookingsHeard: v.confirmedHeard,
      bookingsMissing: v.confirmedMissing.length,
      callbacksHeard: v.callbacksHeard + v.fallbackCallbacksHeard,
      callbacksMissing: v.callbacksMissing.length + v.fallbackCallbacksMissing.length,
      serverErrors,
      unanswered: unanswered.length,
      otherErrors: otherErrors.length,
      busyTones: busy.length,
      retries: retry.retries,
      retriesFailed: retry.retriesFailed,
      apologies,
      overCapacity: v.overCapacity,
      countMismatch: v.countMismatch,
      halfPairs: v.halfPairs,
      personsWithTwoBookings: v.personsWithTwoBookings,
      p99Ms: load.latency.p99Ms,
      ...info!,
      failed: checks.filter((c) => !c.ok).map((c) => c.text),
    };
    saveResult(`${fault.prefix.replace(/_/g, "-")}.json`, {
      ...json,
      date: new Date().toISOString(),
      statuses,
      samples,
      serverLog,
    });
    log(JSON.stringify(json));
    process.exit(pass ? 0 : 1);
  } catch (error) {
    process.stderr.write(
      `${fault.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await finish();
    log(JSON.stringify({ fault: fault.name, pass: false, error: String(error).slice(0, 300) }));
    process.exit(1);
  }
}
