// How callers arrive. Open loop: at random (Poisson) at `rate` calls/s whatever the server's speed,
// shed beyond `maxInProgress` calls at once, then the calls in progress finish (drain, bounded).
// Closed loop: `concurrency` callers, each placing the next call as soon as the last one ended.
import { sleep } from "../harness/command.ts";

export interface OpenLoop {
  rate: number;
  seconds: number;
  maxInProgress: number;
  drainSeconds: number;
  call: (serial: number) => Promise<void>;
}

export async function openLoop(o: OpenLoop) {
  const inProgress = new Set<Promise<void>>();
  const t0 = performance.now();
  const ends = t0 + o.seconds * 1000;
  // A bound on arrivals, so a stalled event loop cannot release a flood of them at once.
  const limit = Math.ceil(o.rate * o.seconds * 1.5) + 1;
  let [next, started, shed, maxInProgress] = [t0, 0, 0, 0];
  while (performance.now() < ends && started + shed < limit) {
    while (next <= performance.now() && started + shed < limit) {
      next += (-Math.log(1 - Math.random()) * 1000) / o.rate;
      if (inProgress.size >= o.maxInProgress) {
        shed++;
        continue;
      }
      const p: Promise<void> = o.call(started++).finally(() => inProgress.delete(p));
      inProgress.add(p);
      maxInProgress = Math.max(maxInProgress, inProgress.size);
    }
    await sleep(Math.max(1, Math.min(next, ends) - performance.now()));
  }
  const arrivalSeconds = (performance.now() - t0) / 1000;
  return { started, shed, maxInProgress, arrivalSeconds, drained: await drain(inProgress, o.drainSeconds) };
}

export async function closedLoop(concurrency: number, until: number, call: () => Promise<void>): Promise<void> {
  const caller = async () => {
    while (performance.now() < until) await call();
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
}

/** Waits for the calls in progress, at most `seconds`; false when some were still running. */
export function drain(inProgress: Set<Promise<void>>, seconds: number): Promise<boolean> {
  return Promise.race([Promise.all(inProgress).then(() => true), sleep(seconds * 1000).then(() => false)]);
}
