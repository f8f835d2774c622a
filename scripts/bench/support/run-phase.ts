// Runs `concurrency` async bookers in one process for a fixed time. Each step books (or fails
// to book) one pair and reports its outcome and its own latencies; the runner only counts.
import os from "node:os";
import { performance } from "node:perf_hooks";

export type StepOutcome =
  | { kind: "booked"; bookMs: number; findBookMs?: number }
  | { kind: "conflict" }
  | { kind: "error"; message: string }
  | { kind: "exhausted" };

export interface PhaseRun {
  concurrency: number;
  elapsedSeconds: number;
  pairs: number;
  conflicts: number;
  errors: number;
  errorSamples: string[];
  exhausted: boolean;
  bookMs: number[];
  findBookMs: number[];
  /** CPU time of this Node process during the phase (user + system), ms. */
  nodeCpuMs: number;
  /** CPU time of the whole machine during the phase (all cores, busy = not idle), ms. */
  machineCpuMs: number;
}

export const machineBusyMs = () =>
  os.cpus().reduce((ms, c) => ms + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);

export async function runTimed(
  concurrency: number,
  seconds: number,
  step: (worker: number) => Promise<StepOutcome>,
): Promise<PhaseRun> {
  const run: PhaseRun = {
    concurrency,
    elapsedSeconds: 0,
    pairs: 0,
    conflicts: 0,
    errors: 0,
    errorSamples: [],
    exhausted: false,
    bookMs: [],
    findBookMs: [],
    nodeCpuMs: 0,
    machineCpuMs: 0,
  };
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (id: number) => {
    while (performance.now() < deadline && !run.exhausted) {
      const outcome = await step(id);
      switch (outcome.kind) {
        case "booked":
          run.pairs++;
          run.bookMs.push(outcome.bookMs);
          if (outcome.findBookMs !== undefined) run.findBookMs.push(outcome.findBookMs);
          break;
        case "conflict":
          run.conflicts++;
          break;
        case "error":
          run.errors++;
          if (run.errorSamples.length < 5) run.errorSamples.push(outcome.message);
          break;
        case "exhausted":
          run.exhausted = true;
          break;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  run.elapsedSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  run.nodeCpuMs = (cpu.user + cpu.system) / 1000;
  run.machineCpuMs = machineBusyMs() - machineBefore;
  return run;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50Ms: r(percentile(list, 50)),
    p95Ms: r(percentile(list, 95)),
    p99Ms: r(percentile(list, 99)),
    maxMs: r(list.at(-1) ?? Number.NaN),
  };
}
