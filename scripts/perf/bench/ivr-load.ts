// How bench:ivr loads a server with whole calls, in the benchmark's process: the project's CallEmulator
// (signed webhooks, TwiML followed verb by verb), the booking path scripted and checked for the
// hotline, the same inputs unchecked for the static baseline. Latencies count in the window after
// the warm-up; calls in progress when it closes finish (drain), so none is cut off half-way.
import {
  CallEmulator,
  ScriptedCaller,
  ScriptExpectationError,
  WebhookError,
  type ScriptStep,
} from "../../phone/call-emulator.ts";
import { sleep } from "../harness/command.ts";
import { AUTH_TOKEN } from "../harness/server.ts";
import { closedLoop, drain, openLoop } from "../load/arrivals.ts";
import { keepAliveFetch } from "../load/http.ts";
import { APOLOGY, mobileNumberOf, spokenNameOf } from "../load/persona-caller.ts";
import { LoadRecorder, type LoadResult } from "../load/recorder.ts";

export type Target = "ivr" | "baseline";

export interface Phase {
  target: Target;
  baseUrl: string;
  warmupSeconds: number;
  seconds: number;
  /** Closed: callers without pauses. Open: Poisson arrivals, `rate` webhooks/s offered, pauses of `thinkMs` ±50 %. */
  loop:
    { closed: true; concurrency: number } | { closed: false; rate: number; requestsPerCall: number; thinkMs: number };
  /** First serial for caller phone numbers; phases use disjoint ranges. */
  serialBase: number;
}

const DRAIN_LIMIT_SECONDS = 120;
/** Open-loop arrivals beyond this many calls in progress are shed (counted, not placed). */
const MAX_CALLS = 5000;
const BOOKED = /Ihre Termine sind gebucht/;
/** Spoken instead of the name recording on the baseline (a <Gather> takes no recording); about as many form bytes. */
const BASELINE_NAME =
  "s:Erika Mustermann geboren in Gütersloh wohnhaft in der Bahnhofstraße dreiundzwanzig zweiter Stock links";
const pad = (n: number) => String(n).padStart(2, "0");
const random = (from: number, to: number) => from + Math.floor(Math.random() * (to - from + 1));

/** silence at the greeting → 2 → birth year → postcode → 1 → birth date → name (spoken) → 1 → 3. */
function script(target: Target, postcode: string, from: string): ScriptStep[] {
  const year = String(random(1925, 1940));
  const date = `${pad(random(1, 28))}${pad(random(1, 12))}${year}`;
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

/** Places calls with unique German mobile numbers, each counting its outcome in `recorder`; never throws. */
function callPlacer(phase: Phase, postcodes: readonly string[], recorder: LoadRecorder) {
  const fetch = keepAliveFetch(recorder);
  const ivr = phase.target === "ivr";
  const thinkMs = phase.loop.closed ? 0 : phase.loop.thinkMs;
  let serial = phase.serialBase;
  return async () => {
    const from = mobileNumberOf(serial++);
    const postcode = postcodes[random(0, postcodes.length - 1)]!;
    const scripted = new ScriptedCaller(script(phase.target, postcode, from), {
      whenExhausted: ivr ? "throw" : "hangup",
    });
    const emulator = new CallEmulator({
      baseUrl: phase.baseUrl,
      authToken: AUTH_TOKEN,
      from,
      fetch,
      caller: {
        answer: async (prompt) => {
          if (ivr && APOLOGY.test(prompt.text)) recorder.error("apology", prompt.text.slice(0, 200));
          if (ivr && BOOKED.test(prompt.text)) recorder.booking();
          if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
          return scripted.answer(prompt);
        },
      },
    });
    try {
      const state = await emulator.run();
      if (state !== "completed") throw new Error(`call ended in state ${state}`);
      if (ivr && scripted.remaining > 0)
        recorder.error("script_unfinished", `last heard: ${emulator.lastPrompt()?.text.slice(0, 200) ?? "-"}`);
      recorder.callsCompleted++;
    } catch (error) {
      recorder.callsFailed++;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ScriptExpectationError) recorder.error("expectation", message);
      else if (!(error instanceof WebhookError)) recorder.error("exception", message);
      else if (message.includes("no answer within")) recorder.error("timeout_15s", message);
      // Statuses other than 200/204 were already counted, by status, as they arrived.
      else if (error.kind !== "http" || error.status === 200 || error.status === 204)
        recorder.error(`emulator_${error.kind}`, message);
      // Twilio sends the status callback even when a webhook failed, and that releases the caller's hold.
      await emulator.reportStatus().catch(() => undefined);
    }
  };
}

/** Runs one phase: warm-up, the measured window, the drain. */
export async function runPhase(phase: Phase, postcodes: readonly string[]): Promise<LoadResult> {
  const recorder = new LoadRecorder();
  const call = callPlacer(phase, postcodes, recorder);
  const loadSeconds = phase.warmupSeconds + phase.seconds;
  const opens = sleep(phase.warmupSeconds * 1000).then(() => {
    recorder.active = true;
    return performance.now();
  });
  const closes = sleep(loadSeconds * 1000).then(() => {
    recorder.active = false;
    return performance.now();
  });
  let drained: boolean;
  if (phase.loop.closed) {
    const callers = closedLoop(phase.loop.concurrency, performance.now() + loadSeconds * 1000, call);
    drained = await drain(new Set([callers]), loadSeconds + DRAIN_LIMIT_SECONDS);
  } else {
    const { rate, requestsPerCall } = phase.loop;
    const arrivals = await openLoop({
      rate: rate / requestsPerCall,
      seconds: loadSeconds,
      maxInProgress: MAX_CALLS,
      drainSeconds: DRAIN_LIMIT_SECONDS,
      call,
    });
    recorder.shedCalls = arrivals.shed;
    drained = arrivals.drained;
  }
  // Under load the window may close a little after the last arrival: wait for it.
  recorder.addRun((await closes) - (await opens));
  if (!drained) recorder.error("drain_timeout", `calls in progress ${DRAIN_LIMIT_SECONDS} s after the window`);
  return recorder.result();
}
