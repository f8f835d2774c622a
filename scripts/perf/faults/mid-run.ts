// The common part of fault:kill-server and fault:restart-postgres: the real hotline with
// `--workers 2` on a throw-away database, callers on the booking path arriving open-loop
// (load/persona-run.ts), one fault injected mid-run while calls are in flight, calls kept
// coming, then the checks:
// - no 5xx, and every webhook answered with TwiML: a request that failed in transport is sent
//   once more, identically (Twilio's retry); it must then get an answer;
// - no busy tone (load/persona-caller.ts), no caller stuck on a prompt it cannot place;
// - every booking a caller heard confirmed ("Ihre Termine sind gebucht" + code) is active in the
//   database; the ledger's invariants all 0; nobody with two active bookings;
// - every callback a caller heard registered exists (the fallback journal's once replayed);
// - the hotline answers /healthz at the end; plus the fault's own checks.
// PASS/FAIL lines, a JSON file in bench-results/, the last line the JSON; exit 1 on a failure.
import { log, onCleanup, runCommand, sleep } from "../harness/command.ts";
import { throwAwayDatabase } from "../harness/database.ts";
import { startHotline } from "../harness/hotline.ts";
import { newPool, verifyHeard } from "../harness/ledger-checks.ts";
import { readOptions, type NumberOption } from "../harness/options.ts";
import type { ServerProcess } from "../harness/server.ts";
import { countOutcomes, heardBy, type CallRecord } from "../load/persona-caller.ts";
import { printChecks, printServerLog, runPersonaCalls, sampleOf, summariseCalls } from "../load/persona-run.ts";

export interface Check {
  ok: boolean;
  text: string;
}

export interface FaultContext {
  hotline: ServerProcess;
  /** The run's throw-away database. */
  databaseUrl: string;
  /** Calls in progress right now. */
  inFlight: () => number;
  seconds: number;
  /** The fault's own options (MidRunFault.options), parsed. */
  options: Record<string, unknown>;
}

export interface MidRunFault<Info extends Record<string, unknown>> {
  name: string;
  /** The database's prefix; the result file is named after it (fault-kill-server.json). */
  prefix: string;
  /** --seconds of each fault: its default, --quick default and range. */
  seconds: NumberOption;
  /** More options of the fault itself. */
  options?: Record<string, NumberOption>;
  inject(ctx: FaultContext): Promise<Info>;
  /** Checks of the fault itself, after the run, with every call's record. */
  checks(info: Info, records: readonly CallRecord[], ctx: FaultContext): Check[] | Promise<Check[]>;
  /** Settings of the hotline beside the common ones (CALLBACK_WORKER off unless given here). */
  env?: Record<string, string>;
  /** Seconds to wait for the fallback journal to be replayed before callbacks are checked. */
  fallbackWaitSeconds?: number;
}

export function runMidRunFault<Info extends Record<string, unknown>>(fault: MidRunFault<Info>): void {
  const o = readOptions({
    rate: { default: 6, quick: 4, above: 0, max: 100 },
    seconds: fault.seconds,
    ...fault.options,
  });
  runCommand(
    fault.name,
    async () => {
      const t0 = Date.now();
      const db = await throwAwayDatabase(fault.prefix);
      log(`database ${db.name}; starting the hotline with --workers 2 (migrates and seeds) ...`);
      const env = { CALLBACK_WORKER: "off", SEED_WEEKS: "1", DB_POOL_SIZE: "10", ...fault.env };
      const hotline = await startHotline({ databaseUrl: db.url, workers: 2, env });
      const healthySeconds = ((Date.now() - t0) / 1000).toFixed(1);
      log(
        `hotline primary ${hotline.pid}, workers ${hotline.workerPids().join(", ")}, healthy after ${healthySeconds} s`,
      );
      const faultAt = Math.round(o.seconds / 3);
      log(`callers on the booking path: ${o.rate}/s for ${o.seconds} s; fault at ${faultAt} s`);
      let info: Info | undefined;
      let ctx: FaultContext | undefined;
      const calls = { hotline, rate: o.rate, seconds: o.seconds, thinkMs: 300, maxInProgress: 500, drainSeconds: 90 };
      const run = await runPersonaCalls({ ...calls, persona: "book", retry: true }, async (inFlight) => {
        await sleep(faultAt * 1000);
        ctx = { hotline, databaseUrl: db.url, inFlight, seconds: o.seconds, options: o };
        info = await fault.inject(ctx);
      });
      const { records, recorder, arrivals, retry } = run;
      const health = await hotline.healthz();
      const pool = newPool(db.url, 3);
      onCleanup(() => pool.end());
      const v = await verifyHeard(pool, heardBy(records), fault.fallbackWaitSeconds ?? 0);
      const own = await fault.checks(info!, records, ctx!);
      const { load, statuses, serverErrors, apologies, busy, serverLog } = summariseCalls(records, recorder, hotline);
      const unanswered = records.filter(
        (r) => r.error && (r.error.kind === "emulator_unreachable" || r.error.kind.startsWith("http_")),
      );
      const otherErrors = records.filter((r) => r.error && !unanswered.includes(r));
      const outcomes = countOutcomes(records);
      const present = (heard: number, missing: number) => `${heard - missing}/${heard}`;
      const checks: Check[] = [
        {
          ok: arrivals.drained,
          text: `${records.length} calls placed, all ended (${arrivals.drained ? "drained" : "DRAIN TIMEOUT"})`,
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
          text: `${present(v.confirmedHeard, v.confirmedMissing.length)} bookings heard confirmed are active in the database`,
        },
        {
          ok: v.overbooked === 0,
          text: `ledger invariants: overCapacity ${v.overCapacity}, countMismatch ${v.countMismatch}, halfPairs ${v.halfPairs}`,
        },
        {
          ok: v.personsWithTwoBookings === 0,
          text: `${v.personsWithTwoBookings} persons with more than one active booking`,
        },
        {
          ok: v.callbacksMissing.length === 0,
          text: `${present(v.callbacksHeard, v.callbacksMissing.length)} callbacks heard registered exist`,
        },
        {
          ok: v.fallbackCallbacksMissing.length === 0,
          text: `${present(v.fallbackCallbacksHeard, v.fallbackCallbacksMissing.length)} fallback-journal callbacks heard registered exist after replay`,
        },
        { ok: health === 200, text: `hotline /healthz ${health} at the end` },
        ...own,
      ];
      log("");
      const outcomeText = Object.entries(outcomes).map(([k, n]) => `${k} ${n}`);
      log(
        `outcomes: ${outcomeText.join(", ")}; apologies heard ${apologies}; active bookings ${v.activeBookings} (${v.unheardBookings} not heard by a caller)`,
      );
      log(
        `latency: p50 ${load.latency.p50Ms} ms, p99 ${load.latency.p99Ms} ms, max ${load.latency.maxMs} ms over ${load.requests} webhooks`,
      );
      const samples = [...unanswered, ...otherErrors, ...busy].slice(0, 4).map((r) => sampleOf(r));
      if (samples.length) log(`samples:\n  ${samples.join("\n  ")}`);
      printServerLog(serverLog, hotline);
      const pass = printChecks(checks);
      log(pass ? "RESULT: PASS" : "RESULT: FAIL");
      const line = {
        fault: fault.name,
        quick: o.quick,
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
      const detail = { date: new Date().toISOString(), statuses, samples, serverLog };
      return { file: `${fault.prefix.replace(/_/g, "-")}.json`, line, detail, exitCode: pass ? 0 : 1 };
    },
    {
      hardLimitSeconds: 240 + o.seconds,
      failureLine: (error) => ({ fault: fault.name, pass: false, error: String(error).slice(0, 300) }),
    },
  );
}
