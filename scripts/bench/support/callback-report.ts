// The callbacks benchmark's tables and its one-line JSON result.
import os from "node:os";
import type { ClaimCheck } from "./callback-checks.ts";
import type { ClaimRun } from "./callback-claimers.ts";
import type { RegisterRun } from "./callback-fill.ts";
import type { PlanSummary } from "./callback-plan.ts";
import { round, table } from "./report.ts";
import { latency } from "./run-phase.ts";

export interface CallbackBench {
  requests: number;
  workers: number;
  processes: number;
  seconds: number;
  registerEmpty: RegisterRun;
  registerFull: RegisterRun;
  bulk: { rows: number; seconds: number; checked: number; mismatches: number };
  /** RSS of the benchmark process (MB) after opening the services, with all requests queued, after the claims. */
  memory: {
    baselineMb: number;
    withRequestsMb: number;
    afterClaimsMb: number;
    heapUsedBaselineMb: number;
    heapUsedMb: number;
  };
  relation: { totalMb: number; heapMb: number; indexMb: number };
  claim: ClaimRun;
  check: ClaimCheck;
  plans: { before: PlanSummary[]; after: PlanSummary[] };
  postgres: string;
  loadBefore: number[];
  loadAfter: number[];
  errors: number;
}

const registered = (b: CallbackBench) => b.registerEmpty.registered + b.registerFull.registered;
const registerSeconds = (b: CallbackBench) => b.registerEmpty.seconds + b.registerFull.seconds;

export function fillTable(b: Pick<CallbackBench, "requests" | "registerEmpty" | "registerFull" | "bulk">): string {
  const reg = (name: string, r: RegisterRun) => [
    name,
    r.registered,
    r.seconds.toFixed(2),
    r.perSecond.toFixed(1),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    r.errors,
  ];
  return table(
    ["fill", "requests", "seconds", "per second", "p50 ms", "p99 ms", "errors"],
    [
      reg("register(), queue ~empty", b.registerEmpty),
      reg(`register(), ${b.requests - b.registerFull.registered} queued`, b.registerFull),
      [
        "bulk INSERT ... SELECT",
        b.bulk.rows,
        b.bulk.seconds.toFixed(2),
        (b.bulk.rows / b.bulk.seconds).toFixed(0),
        "-",
        "-",
        b.bulk.mismatches,
      ],
    ],
  );
}

export function claimTable(b: CallbackBench): string {
  const c = b.claim;
  const claim = latency(c.claimMs);
  const cycle = latency(c.cycleMs);
  return table(
    [
      "workers",
      "processes",
      "seconds",
      "claims",
      "completed",
      "claims/s",
      "claim p50",
      "claim p99",
      "claim+done p50",
      "claim+done p99",
      "errors",
      "node cpu/claim",
      "other cpu/claim",
      "busy cores",
    ],
    [
      [
        c.workers,
        b.processes || "-",
        c.elapsedSeconds.toFixed(2),
        c.claims,
        c.completions,
        (c.claims / c.elapsedSeconds).toFixed(1),
        claim.p50Ms.toFixed(2),
        claim.p99Ms.toFixed(2),
        cycle.p50Ms.toFixed(2),
        cycle.p99Ms.toFixed(2),
        c.errors,
        `${cpuPerClaim(b).node.toFixed(2)} ms`,
        `${cpuPerClaim(b).other.toFixed(2)} ms`,
        cpuPerClaim(b).busyCores.toFixed(2),
      ],
    ],
  );
}

/** Node = the claiming process(es); other = the rest of the machine (PostgreSQL, and whatever else runs). */
function cpuPerClaim(b: CallbackBench) {
  const c = b.claim;
  return {
    node: c.cpuMs / c.claims,
    other: (c.machineCpuMs - c.cpuMs) / c.claims,
    busyCores: c.machineCpuMs / 1000 / c.elapsedSeconds,
  };
}

/** Claims per second in each third of the run: dead index entries pile up at the head of the claim order until vacuumed. */
export function thirds(c: ClaimRun): number[] {
  const third = (c.elapsedSeconds * 1000) / 3;
  const counts = [0, 0, 0];
  for (const at of c.claimedAt) counts[Math.min(2, Math.max(0, Math.floor((at - c.startedAt) / third)))]!++;
  return counts.map((n) => round(n / (third / 1000), 1));
}

export function checkLines(b: CallbackBench): string[] {
  const k = b.check;
  return [
    `completions/s by third of the run: ${thirds(b.claim).join(" / ")}`,
    `duplicates ${k.duplicates} (ids completed twice in the logs: ${k.loggedTwice}; rows claimed twice in the database: ${k.claimedTwice}); done rows ${k.doneRows} = completions ${b.claim.completions}: ${k.doneRows === b.claim.completions ? "yes" : "NO"}`,
    `order: ${k.inversions} priority-group inversions (longest overtaking ${k.inversionMaxLagMs.toFixed(1)} ms), ${k.windowInversions} by (group, window); served by group ${k.servedByGroup.map((n, g) => `${g}:${n}`).join(" ")}`,
    ...k.problems.map((p) => `problem: ${p}`),
  ];
}

export function planLines(title: string, plans: PlanSummary[]): string[] {
  return plans.flatMap((p) => [
    `${title}, ${p.statement}: ${p.executionMs.toFixed(3)} ms, ${p.buffers} buffers, ${p.indexes.length > 0 ? `index ${p.indexes.join(", ")}` : "no index"}`,
    ...p.lines.map((l) => `    ${l}`),
  ]);
}

const planJson = (plans: PlanSummary[]) =>
  Object.fromEntries(
    plans.map((p) => [p.statement, { executionMs: p.executionMs, buffers: p.buffers, indexes: p.indexes }]),
  );

export function resultJson(b: CallbackBench) {
  const c = b.claim;
  const claim = latency(c.claimMs);
  const cycle = latency(c.cycleMs);
  return {
    benchmark: "callbacks",
    date: new Date().toISOString(),
    requests: b.requests,
    workers: c.workers,
    processes: b.processes,
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
    nodeCpuMsPerClaim: round(cpuPerClaim(b).node, 3),
    otherCpuMsPerClaim: round(cpuPerClaim(b).other, 3),
    busyCores: round(cpuPerClaim(b).busyCores, 2),
    duplicates: b.check.duplicates,
    inversions: b.check.inversions,
    inversionMaxLagMs: round(b.check.inversionMaxLagMs, 2),
    windowInversions: b.check.windowInversions,
    rssMb: round(b.memory.withRequestsMb, 1),
    rssMbBaseline: round(b.memory.baselineMb, 1),
    rssMbAfterClaims: round(b.memory.afterClaimsMb, 1),
    childRssMb: c.rssMb.map((m) => round(m, 1)),
    heapUsedMbBaseline: round(b.memory.heapUsedBaselineMb, 1),
    heapUsedMb: round(b.memory.heapUsedMb, 1),
    tableMb: round(b.relation.totalMb, 1),
    tableHeapMb: round(b.relation.heapMb, 1),
    tableIndexMb: round(b.relation.indexMb, 1),
    registered: registered(b),
    registrationsPerSecond: round(registered(b) / registerSeconds(b), 1),
    registrationsPerSecondEmptyQueue: round(b.registerEmpty.perSecond, 1),
    registrationsPerSecondFullQueue: round(b.registerFull.perSecond, 1),
    registerP50Ms: latency([...b.registerEmpty.samples, ...b.registerFull.samples]).p50Ms,
    registerP99Ms: latency([...b.registerEmpty.samples, ...b.registerFull.samples]).p99Ms,
    bulkRows: b.bulk.rows,
    bulkFillSeconds: round(b.bulk.seconds, 2),
    bulkRowsChecked: b.bulk.checked,
    bulkRowMismatches: b.bulk.mismatches,
    plan: { beforeClaims: planJson(b.plans.before), afterClaims: planJson(b.plans.after) },
    errors: b.errors,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: b.postgres,
      loadAvgBefore: b.loadBefore.map((l) => round(l, 2)),
      loadAvgAfter: b.loadAfter.map((l) => round(l, 2)),
    },
  };
}
