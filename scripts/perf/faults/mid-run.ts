// The common part of fault:kill-server and fault:restart-postgres: the hotline with 2 workers on a
// throw-away database, callers booking open-loop, a fault at a third of the run. A webhook that
// failed in transport is sent once more, as Twilio does. Checks: no 5xx, answers and no busy tone
// for every call, every booking and callback heard exists, ledger invariants 0; plus the fault's.
import { log, onCleanup, runCommand, sleep } from "../harness/command.ts";
import { throwAwayDatabase } from "../harness/database.ts";
import { type ServerProcess, startHotline } from "../harness/server.ts";
import { newPool, verifyHeard } from "../harness/ledger-checks.ts";
import { readOptions, type NumberOption } from "../harness/options.ts";
import { heardBy, type CallRecord } from "../load/persona-caller.ts";
import { printChecks, runPersonaCalls, summariseCalls } from "../load/persona-run.ts";

export const check = (ok: boolean, text: string) => ({ ok, text });
export type Check = ReturnType<typeof check>;

export interface MidRunFault<Info extends Record<string, unknown>> {
  name: string;
  prefix: string; // of the database and the result file
  seconds: NumberOption;
  env?: Record<string, string>; // beside the common ones; CALLBACK_WORKER is off unless given
  fallbackWaitSeconds?: number; // for the fallback journal's replay before callbacks are checked
  inject(ctx: { hotline: ServerProcess; databaseUrl: string; inFlight: () => number }): Promise<Info>;
  /** The fault's own checks after the run; they may fill in `info`, which ends up in the JSON line. */
  checks(info: Info, records: readonly CallRecord[]): Check[] | Promise<Check[]>;
}

export function runMidRunFault<Info extends Record<string, unknown>>(fault: MidRunFault<Info>): void {
  const o = readOptions({ rate: { default: 6, quick: 4, above: 0, max: 100 }, seconds: fault.seconds });
  runCommand(
    fault.name,
    async () => {
      const db = await throwAwayDatabase(fault.prefix);
      const env = { CALLBACK_WORKER: "off", SEED_WEEKS: "1", DB_POOL_SIZE: "10", ...fault.env };
      const hotline = await startHotline({ databaseUrl: db.url, workers: 2, env });
      const faultAt = Math.round(o.seconds / 3);
      log(`workers ${hotline.workerPids().join(", ")}; callers ${o.rate}/s for ${o.seconds} s, fault at ${faultAt} s`);
      let info: Info | undefined;
      const calls = { hotline, rate: o.rate, seconds: o.seconds, thinkMs: 300, maxInProgress: 500, drainSeconds: 90 };
      const run = await runPersonaCalls({ ...calls, persona: "book", retry: true }, async (inFlight) => {
        await sleep(faultAt * 1000);
        info = await fault.inject({ hotline, databaseUrl: db.url, inFlight });
      });
      const { records, arrivals, retry } = run;
      const health = await hotline.healthz();
      const pool = newPool(db.url, 3);
      onCleanup(() => pool.end());
      const v = await verifyHeard(pool, heardBy(records), fault.fallbackWaitSeconds ?? 0);
      const own = await fault.checks(info!, records);
      const { load, statuses, serverErrors, busy } = summariseCalls(records, run.recorder, hotline);
      // No TwiML after the retry, invalid TwiML, or a prompt the caller could not place.
      const errors = records.filter((r) => r.error);
      const errorKinds = [...new Set(errors.map((r) => r.error!.kind))].join(", ") || "-";
      const allThere = (heard: number, missing: string[], what: string) =>
        check(missing.length === 0, `${heard - missing.length}/${heard} ${what}`);
      const callbacksHeard = v.callbacksHeard + v.fallbackCallbacksHeard;
      const callbacksMissing = [...v.callbacksMissing, ...v.fallbackCallbacksMissing];
      const ledger = `overCapacity ${v.overCapacity}, countMismatch ${v.countMismatch}, halfPairs ${v.halfPairs}`;
      const checks = [
        check(arrivals.drained, `${records.length} calls placed, all ended (drained: ${arrivals.drained})`),
        check(serverErrors === 0, `${serverErrors} answers with 5xx (statuses ${JSON.stringify(statuses)})`),
        check(errors.length === 0, `${errors.length} calls ended in error (${errorKinds}; ${retry.retries} retried)`),
        check(busy.length === 0, `${busy.length} busy tones`),
        allThere(v.confirmedHeard, v.confirmedMissing, "bookings heard confirmed are active"),
        check(v.doubleBookings === 0, `${ledger}, persons booked twice ${v.personsWithTwoBookings}`),
        allThere(callbacksHeard, callbacksMissing, "callbacks heard registered exist (journal replayed)"),
        check(health === 200, `hotline /healthz ${health} at the end`),
        ...own,
      ];
      const pass = printChecks(checks);
      log(pass ? "RESULT: PASS" : "RESULT: FAIL");
      const line = {
        fault: fault.name,
        quick: o.quick,
        pass,
        calls: records.length,
        bookingsHeard: v.confirmedHeard,
        bookingsMissing: v.confirmedMissing.length,
        callbacksHeard,
        callbacksMissing: callbacksMissing.length,
        serverErrors,
        callErrors: errors.length,
        busyTones: busy.length,
        halfPairs: v.halfPairs,
        doubleBookings: v.doubleBookings, // every ledger invariant and persons booked twice
        p99Ms: load.latency.p99Ms,
        ...info,
        failed: checks.filter((c) => !c.ok).map((c) => c.text),
      };
      return { file: `${fault.prefix.replace(/_/g, "-")}.json`, line, exitCode: pass ? 0 : 1 };
    },
    {
      hardLimitSeconds: 240 + o.seconds,
      failureLine: (error) => ({ fault: fault.name, pass: false, error: String(error).slice(0, 300) }),
    },
  );
}
