// What bench:callbacks ends with: the checks and the query plans (their text is not in the JSON),
// and the JSON line with every figure of the fill, the claims and the memory.
import { machine } from "../harness/results.ts";
import { latency, round } from "../harness/stats.ts";
import type { checkClaims, ClaimRun, PlanSummary } from "./callback-claims.ts";
import type { RegisterRun } from "./callback-fill.ts";

export interface CallbackBench {
  requests: number;
  seconds: number;
  registerEmpty: RegisterRun;
  registerFull: RegisterRun;
  bulk: { rows: number; seconds: number; checked: number; mismatches: number };
  /** RSS and heap of this process (MB) after opening the services, with all requests queued, after the claims. */
  memory: {
    baselineMb: number;
    withRequestsMb: number;
    afterClaimsMb: number;
    heapUsedBaselineMb: number;
    heapUsedMb: number;
  };
  relation: { totalMb: number; heapMb: number; indexMb: number };
  claim: ClaimRun;
  check: Awaited<ReturnType<typeof checkClaims>>;
  plans: { before: PlanSummary[]; after: PlanSummary[] };
  postgres: string;
  loadBefore: number[];
  loadAfter: number[];
  errors: number;
}

/** Node = this process; other = the rest of the machine (PostgreSQL, and whatever else runs). */
function cpuPerClaim(c: ClaimRun) {
  return {
    node: c.cpuMs / c.claims,
    other: (c.machineCpuMs - c.cpuMs) / c.claims,
    busyCores: c.machineCpuMs / 1000 / c.elapsedSeconds,
  };
}

/** Claims per second in each third of the run: dead index entries pile up at the head of the claim order until vacuumed. */
function thirds(c: ClaimRun): number[] {
  const third = (c.elapsedSeconds * 1000) / 3;
  const counts = [0, 0, 0];
  for (const { claimedAt } of c.served)
    counts[Math.min(2, Math.max(0, Math.floor((claimedAt - c.startedAt) / third)))]!++;
  return counts.map((n) => round(n / (third / 1000), 1));
}

export function checkLines(b: CallbackBench): string[] {
  const k = b.check;
  const complete = k.doneRows === b.claim.completions ? "yes" : "NO";
  return [
    `duplicates ${k.duplicates} (ids completed twice in the logs: ${k.loggedTwice}; rows claimed twice in the database: ${k.claimedTwice}); done rows ${k.doneRows} = completions ${b.claim.completions}: ${complete}`,
    `order: ${k.inversions} priority-group inversions (longest overtaking ${k.inversionMaxLagMs.toFixed(1)} ms), ${k.windowInversions} by (group, window); served by group ${k.servedByGroup.map((n, g) => `${g}:${n}`).join(" ")}`,
    ...k.problems.map((p) => `problem: ${p}`),
  ];
}

export const planLines = (title: string, plans: PlanSummary[]) =>
  plans.flatMap((p) => [
    `${title}, ${p.statement}: ${p.executionMs.toFixed(3)} ms, ${p.buffers} buffers, ${p.indexes.length > 0 ? `index ${p.indexes.join(", ")}` : "no index"}`,
    ...p.lines.map((l) => `    ${l}`),
  ]);

const planJson = (plans: PlanSummary[]) =>
  Object.fromEntries(
    plans.map((p) => [p.statement, { executionMs: p.executionMs, buffers: p.buffers, indexes: p.indexes }]),
  );

export function resultJson(b: CallbackBench) {
  const [c, claim, cycle, cpu] = [b.claim, latency(b.claim.claimMs), latency(b.claim.cycleMs), cpuPerClaim(b.claim)];
  const registered = b.registerEmpty.registered + b.registerFull.registered;
  const register = latency([...b.registerEmpty.samples, ...b.registerFull.samples]);
  return {
    benchmark: "callbacks",
    date: new Date().toISOString(),
    requests: b.requests,
    workers: c.workers,
    /** Claims ran in this process (the --processes experiment of earlier versions is gone: docs/benchmarks.md). */
    processes: 0,
    seconds: b.seconds,
    claimsPerSecond: round(c.claims / c.elapsedSeconds, 1),
    completionsPerSecond: round(c.completions / c.elapsedSeconds, 1),
    claims: c.claims,
    completionsPerSecondByThird: thirds(c),
    completed: c.completions,
    queueEmptied: c.emptied,
    claimP50Ms: claim.p50Ms,
    claimP99Ms: claim.p99Ms,
    cycleP50Ms: cycle.p50Ms,
    cycleP99Ms: cycle.p99Ms,
    nodeCpuMsPerClaim: round(cpu.node, 3),
    otherCpuMsPerClaim: round(cpu.other, 3),
    busyCores: round(cpu.busyCores),
    duplicates: b.check.duplicates,
    inversions: b.check.inversions,
    inversionMaxLagMs: round(b.check.inversionMaxLagMs),
    windowInversions: b.check.windowInversions,
    rssMb: round(b.memory.withRequestsMb, 1),
    rssMbBaseline: round(b.memory.baselineMb, 1),
    rssMbAfterClaims: round(b.memory.afterClaimsMb, 1),
    childRssMb: [] as number[],
    heapUsedMbBaseline: round(b.memory.heapUsedBaselineMb, 1),
    heapUsedMb: round(b.memory.heapUsedMb, 1),
    tableMb: round(b.relation.totalMb, 1),
    tableHeapMb: round(b.relation.heapMb, 1),
    tableIndexMb: round(b.relation.indexMb, 1),
    registered,
    registrationsPerSecond: round(registered / (b.registerEmpty.seconds + b.registerFull.seconds), 1),
    registrationsPerSecondEmptyQueue: round(b.registerEmpty.perSecond, 1),
    registrationsPerSecondFullQueue: round(b.registerFull.perSecond, 1),
    registerP50Ms: register.p50Ms,
    registerP99Ms: register.p99Ms,
    bulkRows: b.bulk.rows,
    bulkFillSeconds: round(b.bulk.seconds),
    bulkRowsChecked: b.bulk.checked,
    bulkRowMismatches: b.bulk.mismatches,
    plan: { beforeClaims: planJson(b.plans.before), afterClaims: planJson(b.plans.after) },
    errors: b.errors,
    machine: {
      ...machine(),
      postgres: b.postgres,
      loadAvgBefore: b.loadBefore.map((l) => round(l)),
      loadAvgAfter: b.loadAfter.map((l) => round(l)),
    },
  };
}
