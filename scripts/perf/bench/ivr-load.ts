// How bench:ivr loads a server with whole calls, in its load generator process: the project's
// CallEmulator and ScriptedCaller (signed webhooks, TwiML followed verb by verb), the booking
// path scripted and checked for the hotline, the same inputs unchecked for the static baseline.
// Closed loop: C callers without pauses. Open loop: Poisson arrivals at offered-rate /
// requests-per-call calls per second, each caller pausing `thinkMs` (±50 %) before an answer.
// Both run `warmupSeconds` before the measurement window opens and let calls in progress finish
// after it closed (drain), so no call is cut off half-way.
import {
  CallEmulator,
  ScriptedCaller,
  ScriptExpectationError,
  WebhookError,
  type ScriptStep,
} from "../../phone/call-emulator.ts";
import { sleep } from "../harness/command.ts";
import { AUTH_TOKEN } from "../harness/hotline.ts";
import { closedLoop, drain, openLoop } from "../load/arrivals.ts";
import { keepAliveFetch } from "../load/http.ts";
import { spokenNameOf } from "../load/persona-caller.ts";
import type { LoadRecorder, LoadResult } from "../load/recorder.ts";

export type Target = "ivr" | "baseline";

export interface LoadJob {
  target: Target;
  mode: "closed" | "open";
  baseUrl: string;
  warmupSeconds: number;
  seconds: number;
  /** Closed loop: concurrent callers. */
  concurrency: number;
  /** Open loop: offered webhook requests per second, and requests one call makes. */
  rate: number;
  requestsPerCall: number;
  thinkMs: number;
  /** Open loop: arrivals beyond this many calls in progress are shed (counted, not placed). */
  maxCalls: number;
  /** First serial for caller phone numbers; phases use disjoint ranges. */
  serialBase: number;
  /** Jobs with the same session add up in one recorder (slices of one phase). */
  session?: string;
}

export type WindowEdge = "start" | "end";

const DRAIN_LIMIT_SECONDS = 120;
const BOOKED = /Ihre Termine sind gebucht/;
const APOLOGY = "technisches Problem";
/** Spoken instead of the name recording on the baseline (a <Gather> takes no recording); about as many form bytes. */
const BASELINE_NAME =
  "s:Erika Mustermann geboren in Gütersloh wohnhaft in der Bahnhofstraße dreiundzwanzig zweiter Stock links";
const BORN_FROM = Date.UTC(1925, 0, 1);
const BORN_DAYS = Math.round((Date.UTC(1940, 11, 31) - BORN_FROM) / 86_400_000) + 1;
const pad = (n: number) => String(n).padStart(2, "0");

/** silence at the greeting → 2 → birth year → postcode → 1 → birth date → name (spoken) → 1 → 3. */
function script(target: Target, postcode: string, from: string): ScriptStep[] {
  const born = new Date(BORN_FROM + Math.floor(Math.random() * BORN_DAYS) * 86_400_000);
  const year = String(born.getUTCFullYear());
  const date = `${pad(born.getUTCDate())}${pad(born.getUTCMonth() + 1)}${year}`;
  if (target === "baseline") return ["silence", "2", year, postcode, "1", date, BASELINE_NAME, "1", "3"];
  return [
    "silence",
    { expect: /drücken Sie die 2/, answer: "2" },
    { expect: /Geburtsjahr/, answer: year },
    { expect: /Postleitzahl/, answer: postcode },
    { expect: /nächste freie Termin/, answer: "1" },
    { expect: /Geburtsdatum/, answer: date },
    { expect: /Nachnamen/, answer: `s:${spokenNameOf(from)}` },
    { expect: /fasse zusammen/, answer: "1" },
    { expect: BOOKED, answer: "3" },
  ];
}

/** Twilio's view of a failed webhook: its 15 s timeout, a reset or refused connection, or an emulator/TwiML error. */
function webhookErrorKind(error: WebhookError): string {
  if (error.kind !== "unreachable") return `emulator_${error.kind}`;
  const known = [
    ["no answer within", "timeout_15s"],
    ["ECONNRESET", "connection_reset"],
    ["ECONNREFUSED", "connection_refused"],
  ];
  return known.find(([text]) => error.message.includes(text!))?.[1] ?? "unreachable";
}

/** Places one call (a caller with a unique German mobile number) and counts its outcome; never throws. */
async function placeCall(
  job: LoadJob,
  recorder: LoadRecorder,
  fetch: typeof globalThis.fetch,
  from: string,
  postcode: string,
) {
  const ivr = job.target === "ivr";
  const thinkMs = job.mode === "open" ? job.thinkMs : 0;
  const caller = new ScriptedCaller(script(job.target, postcode, from), { whenExhausted: ivr ? "throw" : "hangup" });
  const emulator = new CallEmulator({
    baseUrl: job.baseUrl,
    authToken: AUTH_TOKEN,
    from,
    fetch,
    caller: {
      answer: async (prompt) => {
        if (ivr && prompt.text.includes(APOLOGY))
          recorder.error("apology", `the hotline apologised: ${prompt.text.slice(0, 200)}`);
        if (ivr && BOOKED.test(prompt.text)) recorder.booking();
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
        return caller.answer(prompt);
      },
    },
  });
  recorder.callsStarted++;
  try {
    const state = await emulator.run();
    if (state !== "completed") throw new Error(`call ended in state ${state}`);
    if (ivr && caller.remaining > 0) {
      const heard = emulator.lastPrompt()?.text.slice(0, 200) ?? "-";
      recorder.error(
        "script_unfinished",
        `call ended with ${caller.remaining} script step(s) unused; last heard: ${heard}`,
      );
      recorder.callsFailed++;
      return;
    }
    recorder.callsCompleted++;
  } catch (error) {
    recorder.callsFailed++;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ScriptExpectationError) recorder.error("expectation", message);
    else if (!(error instanceof WebhookError)) recorder.error("exception", message);
    // Statuses other than 200/204 were already counted, by status, as they arrived.
    else if (error.kind !== "http" || error.status === 200 || error.status === 204)
      recorder.error(webhookErrorKind(error), message);
    // Twilio sends the status callback even when a webhook failed (it played the fallback and
    // the call ended), and that releases the caller's hold. Best effort, not counted again.
    await emulator.reportStatus().catch(() => undefined);
  }
}

/** Runs one job; `onWindow` is called when the measurement window opens and closes. */
export async function runLoad(
  job: LoadJob,
  postcodes: readonly string[],
  onWindow: (edge: WindowEdge) => void,
  recorder: LoadRecorder,
) {
  const fetch = keepAliveFetch(recorder);
  let serial = job.serialBase;
  const call = () => {
    const from = `+49151${String(10_000_000 + (serial++ % 90_000_000))}`;
    return placeCall(job, recorder, fetch, from, postcodes[Math.floor(Math.random() * postcodes.length)]!);
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const loadSeconds = job.warmupSeconds + job.seconds;
  let windowStart = Number.NaN;
  let windowEnd = Number.NaN;
  const open = setTimeout(() => {
    windowStart = performance.now();
    recorder.active = true;
    onWindow("start");
  }, job.warmupSeconds * 1000);
  const close = setTimeout(() => {
    windowEnd = performance.now();
    recorder.active = false;
    onWindow("end");
  }, loadSeconds * 1000);
  let drained: boolean;
  if (job.mode === "closed") {
    recorder.maxCallsInProgress = Math.max(recorder.maxCallsInProgress, job.concurrency);
    const callers = closedLoop(job.concurrency, started + loadSeconds * 1000, call);
    drained = await drain(new Set([callers]), loadSeconds + DRAIN_LIMIT_SECONDS);
  } else {
    const arrivals = await openLoop({
      rate: job.rate / job.requestsPerCall,
      seconds: loadSeconds,
      maxInProgress: job.maxCalls,
      drainSeconds: DRAIN_LIMIT_SECONDS,
      call,
    });
    recorder.shedCalls += arrivals.shed;
    recorder.maxCallsInProgress = Math.max(recorder.maxCallsInProgress, arrivals.maxInProgress);
    drained = arrivals.drained;
  }
  // The window may close a little late under load: wait for it before the run counts as done.
  while (Number.isNaN(windowEnd)) await sleep(1);
  if (!drained)
    recorder.error("drain_timeout", `calls still in progress ${DRAIN_LIMIT_SECONDS} s after the window closed`);
  clearTimeout(open);
  clearTimeout(close);
  const cpu = process.cpuUsage(cpuBefore);
  recorder.addRun(windowEnd - windowStart, (cpu.user + cpu.system) / 1000, (performance.now() - windowEnd) / 1000);
  return recorder.result() satisfies LoadResult;
}
