// An open loop of persona callers against a running hotline, shared by bench:launch and the
// mid-run faults, and the summary both print.
import { log } from "../harness/command.ts";
import type { ServerProcess } from "../harness/server.ts";
import { sum } from "../harness/stats.ts";
import { openLoop, type OpenLoop } from "./arrivals.ts";
import { keepAliveFetch, retryOnce } from "./http.ts";
import { drawCaller, placePersonaCall, type CallerContext, type CallRecord, type Persona } from "./persona-caller.ts";
import { singleDistrictPostcodes } from "./postcodes.ts";
import { LoadRecorder } from "./recorder.ts";

export interface PersonaRun extends Omit<OpenLoop, "call">, Omit<CallerContext, "baseUrl" | "fetch"> {
  hotline: ServerProcess;
  /** The faults: every caller books, and a webhook failed in transport is retried once (Twilio does). */
  persona?: Persona;
  retry?: boolean;
}

export async function runPersonaCalls(o: PersonaRun, whileRunning?: (inFlight: () => number) => Promise<void>) {
  const postcodes = singleDistrictPostcodes();
  const recorder = new LoadRecorder();
  recorder.active = true;
  const retry = { retries: 0, retriesFailed: 0 };
  const fetch = o.retry ? retryOnce(keepAliveFetch(recorder), retry) : keepAliveFetch(recorder);
  const ctx: CallerContext = { ...o, baseUrl: o.hotline.url, fetch };
  const records: CallRecord[] = [];
  let inFlight = 0;
  // Handled at once: a fault that fails early must not be an unhandled rejection meanwhile.
  const during = (whileRunning?.(() => inFlight) ?? Promise.resolve()).then(
    () => null,
    (error: unknown) => ({ error }),
  );
  const arrivals = await openLoop({
    ...o,
    call: async (serial) => {
      inFlight++;
      try {
        records.push(await placePersonaCall(ctx, drawCaller(serial, postcodes, o.persona)));
      } finally {
        inFlight--;
      }
    },
  });
  const failure = await during;
  if (failure) throw failure.error;
  return { records, recorder, arrivals, retry };
}

/** What both report about the calls of a run. */
export function summariseCalls(records: readonly CallRecord[], recorder: LoadRecorder, hotline: ServerProcess) {
  const load = recorder.result();
  const { statuses } = load;
  const count = (f: (status: number) => boolean) =>
    sum(Object.entries(statuses).map(([s, n]) => (f(Number(s)) ? n : 0)));
  return {
    load,
    statuses,
    serverErrors: count((s) => s >= 500),
    badStatuses: count((s) => s !== 200 && s !== 204),
    apologies: sum(records.map((r) => r.apologies)),
    busy: records.filter((r) => r.busyTone),
    serverLog: [...hotline.logCounts].map(([k, n]) => `${n}× ${k}`),
  };
}

/** The server's own warnings and errors, and output that was not a log line. */
export function printServerLog(serverLog: string[], hotline: ServerProcess): void {
  if (serverLog.length) log(`server log (warn+): ${serverLog.slice(0, 8).join("; ")}`);
  if (hotline.otherOutput.length) log(`server output: ${hotline.otherOutput.slice(0, 4).join(" / ").slice(0, 600)}`);
}

/** A failed call in one line: the error's kind and message, or the busy tone. */
export const sampleOf = (r: CallRecord) => `${r.error?.kind ?? "busy"}: ${r.error?.message ?? r.busyTone}`;

/** PASS/FAIL lines; true when every check passed. */
export function printChecks(checks: readonly { ok: boolean; text: string }[]): boolean {
  for (const c of checks) log(`${c.ok ? "PASS" : "FAIL"}  ${c.text}`);
  return checks.every((c) => c.ok);
}
