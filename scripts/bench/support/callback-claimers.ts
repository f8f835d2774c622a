// Claim-and-complete workers: each loops claimNext → record(claim, "connected") until the
// deadline or until the queue has nothing left to claim. Used in the benchmark's own process
// and in its child processes (--processes), so the results are plain, mergeable data.
import { performance } from "node:perf_hooks";
import type { CallbackService } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import { machineBusyMs } from "./run-phase.ts";

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

export interface ClaimRun {
  workers: number;
  /** When the workers started (wallMs). */
  startedAt: number;
  elapsedSeconds: number;
  claims: number;
  completions: number;
  errors: number;
  errorSamples: string[];
  /** A claimNext returned null: nothing due was left (or only rows other workers held). */
  emptied: boolean;
  claimMs: number[];
  cycleMs: number[];
  /** One entry per completed request, in completion order per worker. */
  ids: number[];
  groups: number[];
  /** Release window start (epoch ms). */
  windows: number[];
  /** When the claim returned (wallMs). */
  claimedAt: number[];
  rssMb: number[];
  /** CPU time (user + system) of the claiming processes during the run, ms. */
  cpuMs: number;
  /** Busy CPU time of the whole machine (all cores) during the run, ms. */
  machineCpuMs: number;
}

const MAX_ERRORS = 50;

export async function runClaimers(
  callbacks: CallbackService,
  workers: number,
  deadline: number,
  label: string,
): Promise<ClaimRun> {
  const run: ClaimRun = {
    workers,
    startedAt: 0,
    elapsedSeconds: 0,
    claims: 0,
    completions: 0,
    errors: 0,
    errorSamples: [],
    emptied: false,
    claimMs: [],
    cycleMs: [],
    ids: [],
    groups: [],
    windows: [],
    claimedAt: [],
    rssMb: [],
    cpuMs: 0,
    machineCpuMs: 0,
  };
  const fail = (error: unknown) => {
    run.errors++;
    if (run.errorSamples.length < 5) run.errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  const worker = async (n: number) => {
    const id = `${label}-w${n}`;
    while (wallMs() < deadline && !run.emptied && run.errors < MAX_ERRORS) {
      const t0 = performance.now();
      let claim;
      try {
        claim = await callbacks.claimNext(id);
      } catch (error) {
        fail(error);
        continue;
      }
      const t1 = performance.now();
      if (!claim) {
        run.emptied = true;
        break;
      }
      run.claims++;
      run.claimMs.push(t1 - t0);
      try {
        const done = await callbacks.record(claim, "connected");
        if (done?.status !== "done")
          throw new Error(`request ${claim.request.id}: completion refused (status ${done?.status ?? "?"})`);
        run.completions++;
        run.cycleMs.push(performance.now() - t0);
        run.ids.push(claim.request.id);
        run.groups.push(claim.request.priorityGroup);
        run.windows.push(claim.request.releaseWindow.getTime());
        run.claimedAt.push(performance.timeOrigin + t1);
      } catch (error) {
        fail(error);
      }
    }
  };
  const started = performance.now();
  run.startedAt = performance.timeOrigin + started;
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  await Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  run.elapsedSeconds = (performance.now() - started) / 1000;
  run.machineCpuMs = machineBusyMs() - machine;
  const used = process.cpuUsage(cpu);
  run.cpuMs = (used.user + used.system) / 1000;
  return run;
}

/** Runs of several processes as one: counts add up, the wall time is the longest. */
export function mergeRuns(runs: ClaimRun[]): ClaimRun {
  const all = <K extends keyof ClaimRun>(key: K) => runs.flatMap((r) => r[key] as unknown[]) as ClaimRun[K];
  return {
    workers: runs.reduce((n, r) => n + r.workers, 0),
    startedAt: Math.min(...runs.map((r) => r.startedAt)),
    elapsedSeconds: Math.max(...runs.map((r) => r.elapsedSeconds)),
    claims: runs.reduce((n, r) => n + r.claims, 0),
    completions: runs.reduce((n, r) => n + r.completions, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    errorSamples: all("errorSamples").slice(0, 5),
    emptied: runs.some((r) => r.emptied),
    claimMs: all("claimMs"),
    cycleMs: all("cycleMs"),
    ids: all("ids"),
    groups: all("groups"),
    windows: all("windows"),
    claimedAt: all("claimedAt"),
    rssMb: all("rssMb"),
    cpuMs: runs.reduce((n, r) => n + r.cpuMs, 0),
    // The same machine seen from each process: the widest view, not the sum.
    machineCpuMs: Math.max(...runs.map((r) => r.machineCpuMs)),
  };
}
