// What bench:ivr ends with: the JSON line (phases, routes, CPU split, targets with pass flags) and
// the few things it does not carry (the ledger check's parts, error samples, the server's warnings).
import { log } from "../harness/command.ts";
import type { LedgerCheck } from "../harness/ledger-checks.ts";
import { machine } from "../harness/results.ts";
import type { ServerProcess } from "../harness/server.ts";
import { round, sum } from "../harness/stats.ts";
import { OTHER_WORK_WARNING, type PhaseResult } from "./ivr-measure.ts";

export const TARGETS = { ratio: 0.5, openLoopP99Ms: 100, errors: 0 } as const;

export interface Phases {
  baseline: PhaseResult;
  closed: PhaseResult;
  open: PhaseResult;
  /** Open loop at half the closed loop's throughput. */
  half: PhaseResult;
}

const all = (p: Phases) => [p.baseline, p.closed, p.open, p.half];

/** Errors of every phase by kind, plus one per hotline phase whose bookings the callers did not all hear. */
export function gatherErrors(p: Phases): { errors: number; errorsByKind: Record<string, number> } {
  const errorsByKind: Record<string, number> = {};
  const add = (kind: string, n: number) => n > 0 && (errorsByKind[kind] = (errorsByKind[kind] ?? 0) + n);
  for (const phase of all(p)) for (const [kind, n] of Object.entries(phase.load.errorsByKind)) add(kind, n);
  for (const phase of [p.closed, p.open, p.half])
    if (phase.dbBookingsTotal !== null && phase.dbBookingsTotal !== phase.load.bookingsTotal)
      add("booking_count_mismatch", 1);
  return { errors: sum(Object.values(errorsByKind)), errorsByKind };
}

export interface Checks {
  ledger: LedgerCheck;
  hotline: ServerProcess;
}

/** What the JSON line does not carry: the ledger check's parts, errors per phase with samples, the server's warnings. */
export function printResults(p: Phases, c: Checks): void {
  const l = c.ledger;
  log(
    `\nledger check: over capacity ${l.overCapacity}, counter mismatches ${l.countMismatch}, broken pairs ${l.halfPairs}` +
      ` → overbooked ${l.overbooked} (${l.activeBookings} active bookings, ${l.holds} holds left)`,
  );
  for (const phase of all(p)) {
    for (const [kind, n] of Object.entries(phase.load.errorsByKind)) log(`  ${phase.name}: ${n} × ${kind}`);
    for (const sample of phase.load.errorSamples.slice(0, 3)) log(`    e.g. ${sample.replace(/\n/g, " ")}`);
  }
  for (const [msg, n] of c.hotline.logCounts) log(`hotline log (warn+): ${n} × ${msg}`);
}

export interface RunFacts {
  halfRate: number;
  errors: number;
  errorsByKind: Record<string, number>;
  overbooked: number;
  offeredRate: number;
  concurrency: number;
  seconds: number;
  thinkMs: number;
  postgres: string;
  loadBefore: number;
  serverStartSeconds: number;
}

export function resultJson(p: Phases, r: RunFacts) {
  const ratio = round(p.closed.load.requestsPerSecond / p.baseline.load.requestsPerSecond, 3);
  // Less sensitive to other work on the machine than throughput: server CPU per webhook.
  const cpuRatio = round(p.baseline.cpu.serverCpuMsPerRequest / p.closed.cpu.serverCpuMsPerRequest, 3);
  const latencyOf = (x: PhaseResult) => ({
    p50Ms: x.load.latency.p50Ms,
    p95Ms: x.load.latency.p95Ms,
    p99Ms: x.load.latency.p99Ms,
  });
  return {
    benchmark: "ivr",
    date: new Date().toISOString(),
    concurrency: r.concurrency,
    seconds: r.seconds,
    requestsPerSecond: p.closed.load.requestsPerSecond,
    baselineRequestsPerSecond: p.baseline.load.requestsPerSecond,
    ratio,
    /** Baseline server CPU per webhook ÷ hotline server CPU per webhook (PostgreSQL not included). */
    cpuRatio,
    ...latencyOf(p.closed),
    baselineP50Ms: p.baseline.load.latency.p50Ms,
    baselineP99Ms: p.baseline.load.latency.p99Ms,
    bookingsPerSecond: p.closed.bookingsPerSecond,
    openLoop: {
      offeredRate: r.offeredRate,
      achievedRate: p.open.load.requestsPerSecond,
      ...latencyOf(p.open),
      bookingsPerSecond: p.open.bookingsPerSecond,
      thinkMs: r.thinkMs,
      shedCalls: p.open.load.shedCalls,
      maxCallsInProgress: p.open.load.maxCallsInProgress,
    },
    openLoopHalfCapacity: {
      offeredRate: r.halfRate,
      achievedRate: p.half.load.requestsPerSecond,
      ...latencyOf(p.half),
    },
    errors: r.errors,
    errorsByKind: r.errorsByKind,
    overbooked: r.overbooked,
    serverRssMb: p.closed.rss.peakMb,
    serverRssOpenLoopMb: p.open.rss.peakMb,
    baselineRssMb: p.baseline.rss.peakMb,
    requestsPerCall: p.closed.load.requestsPerCall,
    requestBodyBytes: { ivr: p.closed.load.meanRequestBodyBytes, baseline: p.baseline.load.meanRequestBodyBytes },
    responseBodyBytes: { ivr: p.closed.load.meanResponseBodyBytes, baseline: p.baseline.load.meanResponseBodyBytes },
    transactionsPerRequest: p.closed.transactionsPerRequest,
    listenOverflows: {
      baseline: p.baseline.listenOverflows,
      ivr: p.closed.listenOverflows,
      openLoop: p.open.listenOverflows,
      openLoopHalfCapacity: p.half.listenOverflows,
    },
    keepAliveRetries: sum(all(p).map((x) => x.load.keepAliveRetries)),
    cpu: { ivr: p.closed.cpu, baseline: p.baseline.cpu, openLoop: p.open.cpu, openLoopHalfCapacity: p.half.cpu },
    /** Phases during which other work used more than OTHER_WORK_WARNING cores: their numbers are too low. */
    disturbedPhases: all(p)
      .filter((x) => x.cpu.otherCores > OTHER_WORK_WARNING)
      .map((x) => x.name),
    routes: p.closed.load.routes.map(({ route, requests, meanMs, p50Ms, p99Ms }) => ({
      route,
      requests,
      meanMs,
      p50Ms,
      p99Ms,
    })),
    pass: {
      ratio: ratio >= TARGETS.ratio,
      openLoopP99: p.open.load.latency.p99Ms < TARGETS.openLoopP99Ms,
      errors: r.errors === TARGETS.errors,
      overbooked: r.overbooked === 0,
    },
    machine: { ...machine(), postgres: r.postgres, loadAvgBefore: round(r.loadBefore) },
    serverStartSeconds: r.serverStartSeconds,
  };
}
