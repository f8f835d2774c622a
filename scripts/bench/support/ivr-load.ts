// The two ways bench:ivr loads a server with whole calls:
// - closed loop: C callers, each placing the next call as soon as its last one ended, no pauses;
// - open loop: calls arrive at random (Poisson) at offered-rate / requests-per-call per second,
//   whatever the server's speed; each caller pauses `thinkMs` (±50 %) before each answer.
// Both run --warmup seconds before the measurement window opens, and let calls in progress
// finish after it closed (drain), so no call is cut off half-way.
import { performance } from "node:perf_hooks";
import { placeCall, planCall, type Target } from "./ivr-calls.ts";
import { keepAliveFetch } from "./keepalive-fetch.ts";
import { LoadRecorder, type LoadResult } from "./load-recorder.ts";

export interface LoadJob {
  target: Target;
  mode: "closed" | "open";
  baseUrl: string;
  authToken: string;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DRAIN_LIMIT_MS = 120_000;

export async function runLoad(
  job: LoadJob,
  postcodes: readonly string[],
  onWindow: (edge: WindowEdge) => void,
  recorder = new LoadRecorder(),
): Promise<LoadResult> {
  const ctx = {
    target: job.target,
    baseUrl: job.baseUrl,
    authToken: job.authToken,
    fetch: keepAliveFetch(recorder),
    recorder,
    thinkMs: job.mode === "open" ? job.thinkMs : 0,
  };
  let serial = job.serialBase;
  const call = () => placeCall(ctx, planCall(serial++, postcodes));

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const loadEnds = started + (job.warmupSeconds + job.seconds) * 1000;
  let windowStart = Number.NaN;
  let windowEnd = Number.NaN;
  const open = setTimeout(() => {
    windowStart = performance.now();
    recorder.active = true;
    onWindow("start");
  }, job.warmupSeconds * 1000);
  const close = setTimeout(
    () => {
      windowEnd = performance.now();
      recorder.active = false;
      onWindow("end");
    },
    (job.warmupSeconds + job.seconds) * 1000,
  );

  const inProgress = new Set<Promise<void>>();
  if (job.mode === "closed") {
    recorder.maxCallsInProgress = Math.max(recorder.maxCallsInProgress, job.concurrency);
    const caller = async () => {
      while (performance.now() < loadEnds) await call();
    };
    for (let i = 0; i < job.concurrency; i++) {
      const p = caller();
      inProgress.add(p);
    }
  } else {
    const meanGapMs = (1000 * job.requestsPerCall) / job.rate;
    let next = started;
    for (;;) {
      const now = performance.now();
      if (now >= loadEnds) break;
      while (next <= now) {
        next += -Math.log(1 - Math.random()) * meanGapMs;
        if (inProgress.size >= job.maxCalls) {
          recorder.shedCalls++;
          continue;
        }
        const p: Promise<void> = call().finally(() => inProgress.delete(p));
        inProgress.add(p);
        recorder.maxCallsInProgress = Math.max(recorder.maxCallsInProgress, inProgress.size);
      }
      await sleep(Math.max(0, Math.min(next, loadEnds) - performance.now()));
    }
  }
  // Wait for the window to close (a timer under load may fire a little late), then drain.
  while (Number.isNaN(windowEnd)) await sleep(1);
  const drained = await Promise.race([
    Promise.all(inProgress).then(() => true),
    sleep(DRAIN_LIMIT_MS).then(() => false),
  ]);
  if (!drained)
    recorder.error(
      "drain_timeout",
      `${inProgress.size} call(s) still in progress ${DRAIN_LIMIT_MS / 1000} s after the window closed`,
    );
  const drainSeconds = (performance.now() - windowEnd) / 1000;
  clearTimeout(open);
  clearTimeout(close);
  const cpu = process.cpuUsage(cpuBefore);
  recorder.addRun(windowEnd - windowStart, (cpu.user + cpu.system) / 1000, drainSeconds);
  return recorder.result();
}
