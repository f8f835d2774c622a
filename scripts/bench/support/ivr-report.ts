// What bench:ivr prints: the phase table, where the time goes per route, the CPU split, the
// targets with PASS/FAIL, and the one-line JSON the run ends with.
import os from "node:os";
import type { PhaseResult } from "./ivr-phase.ts";
import { round, table } from "./report.ts";

/** Cores used by processes outside the benchmark above which a phase is flagged as disturbed. */
export const OTHER_WORK_WARNING = 0.15;

export const TARGETS = { ratio: 0.5, openLoopP99Ms: 100, errors: 0 } as const;

const dash = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? "-" : x.toFixed(digits);

export function phaseTable(phases: PhaseResult[]): string {
  return table(
    [
      "phase",
      "req/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "calls",
      "bookings/s",
      "errors",
      "server cores",
      "postgres cores",
      "client cores",
      "server RSS peak",
    ],
    phases.map((p) => [
      p.name,
      p.load.requestsPerSecond.toFixed(1),
      p.load.latency.p50Ms.toFixed(2),
      p.load.latency.p95Ms.toFixed(2),
      p.load.latency.p99Ms.toFixed(2),
      p.load.latency.maxMs.toFixed(1),
      p.load.callsCompleted + p.load.callsFailed,
      dash(p.bookingsPerSecond),
      p.load.errors,
      p.cpu.serverCores.toFixed(2),
      p.cpu.postgresCores.toFixed(2),
      p.cpu.loadGeneratorCores.toFixed(2),
      `${dash(p.rss.peakMb)} MB`,
    ]),
  );
}

export function routeTable(phase: PhaseResult): string {
  const total = phase.load.routes.reduce((ms, r) => ms + r.meanMs * r.requests, 0);
  return table(
    ["route", "requests", "mean ms", "p50 ms", "p99 ms", "share of time"],
    phase.load.routes.map((r) => [
      r.route,
      r.requests,
      r.meanMs.toFixed(2),
      r.p50Ms.toFixed(2),
      r.p99Ms.toFixed(2),
      `${((100 * r.meanMs * r.requests) / total).toFixed(1)} %`,
    ]),
  );
}

export function cpuLines(p: PhaseResult): string {
  const c = p.cpu;
  return (
    `  ${p.name}: machine ${c.machineCores.toFixed(2)} of ${os.cpus().length} cores busy = server ${c.serverCores.toFixed(2)} (${Math.round(100 * c.serverSystemShare)} % of it in the kernel) + postgres ${c.postgresCores.toFixed(2)}` +
    ` + load generator ${c.loadGeneratorCores.toFixed(2)} + this process ${c.benchCores.toFixed(2)} + other ${c.otherCores.toFixed(2)}; per webhook: server ${c.serverCpuMsPerRequest.toFixed(3)} ms,` +
    ` postgres ${c.postgresCpuMsPerRequest.toFixed(3)} ms, load generator ${c.loadGeneratorCpuMsPerRequest.toFixed(3)} ms` +
    (p.transactionsPerRequest === null ? "" : `, ${p.transactionsPerRequest.toFixed(2)} transactions`) +
    (c.otherCores > OTHER_WORK_WARNING
      ? `\n    warning: ${c.otherCores.toFixed(2)} cores of other work on the machine during this phase; its numbers are too low` +
        (c.busiestOthers.length
          ? ` (still running at the end: ${c.busiestOthers.map((o) => `${o.comm} ${o.cores.toFixed(2)}`).join(", ")})`
          : "")
      : "")
  );
}

export function errorLines(phases: PhaseResult[]): string[] {
  const lines: string[] = [];
  for (const p of phases) {
    for (const [kind, n] of Object.entries(p.load.errorsByKind)) lines.push(`  ${p.name}: ${n} × ${kind}`);
    for (const sample of p.load.errorSamples.slice(0, 3)) lines.push(`    e.g. ${sample.replace(/\n/g, " ")}`);
  }
  return lines;
}

export const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");

export interface ResultInput {
  closed: PhaseResult;
  baseline: PhaseResult;
  open: PhaseResult;
  /** Open loop at half the closed-loop throughput. */
  half: PhaseResult;
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

export function resultJson(r: ResultInput) {
  const ratio = round(r.closed.load.requestsPerSecond / r.baseline.load.requestsPerSecond, 3);
  // Less sensitive to other work on the machine than throughput: server CPU per webhook.
  const cpuRatio = round(r.baseline.cpu.serverCpuMsPerRequest / r.closed.cpu.serverCpuMsPerRequest, 3);
  const slimRoutes = r.closed.load.routes.map(({ route, requests, meanMs, p50Ms, p99Ms }) => ({
    route,
    requests,
    meanMs,
    p50Ms,
    p99Ms,
  }));
  return {
    benchmark: "ivr",
    date: new Date().toISOString(),
    concurrency: r.concurrency,
    seconds: r.seconds,
    requestsPerSecond: r.closed.load.requestsPerSecond,
    baselineRequestsPerSecond: r.baseline.load.requestsPerSecond,
    ratio,
    /** Baseline server CPU per webhook ÷ hotline server CPU per webhook (PostgreSQL not included). */
    cpuRatio,
    p50Ms: r.closed.load.latency.p50Ms,
    p95Ms: r.closed.load.latency.p95Ms,
    p99Ms: r.closed.load.latency.p99Ms,
    baselineP50Ms: r.baseline.load.latency.p50Ms,
    baselineP99Ms: r.baseline.load.latency.p99Ms,
    bookingsPerSecond: r.closed.bookingsPerSecond,
    openLoop: {
      offeredRate: r.offeredRate,
      achievedRate: r.open.load.requestsPerSecond,
      p50Ms: r.open.load.latency.p50Ms,
      p95Ms: r.open.load.latency.p95Ms,
      p99Ms: r.open.load.latency.p99Ms,
      bookingsPerSecond: r.open.bookingsPerSecond,
      thinkMs: r.thinkMs,
      shedCalls: r.open.load.shedCalls,
      maxCallsInProgress: r.open.load.maxCallsInProgress,
    },
    openLoopHalfCapacity: {
      offeredRate: r.halfRate,
      achievedRate: r.half.load.requestsPerSecond,
      p50Ms: r.half.load.latency.p50Ms,
      p95Ms: r.half.load.latency.p95Ms,
      p99Ms: r.half.load.latency.p99Ms,
    },
    errors: r.errors,
    errorsByKind: r.errorsByKind,
    overbooked: r.overbooked,
    serverRssMb: r.closed.rss.peakMb,
    serverRssOpenLoopMb: r.open.rss.peakMb,
    baselineRssMb: r.baseline.rss.peakMb,
    requestsPerCall: r.closed.load.requestsPerCall,
    requestBodyBytes: { ivr: r.closed.load.meanRequestBodyBytes, baseline: r.baseline.load.meanRequestBodyBytes },
    responseBodyBytes: { ivr: r.closed.load.meanResponseBodyBytes, baseline: r.baseline.load.meanResponseBodyBytes },
    transactionsPerRequest: r.closed.transactionsPerRequest,
    listenOverflows: {
      baseline: r.baseline.listenOverflows,
      ivr: r.closed.listenOverflows,
      openLoop: r.open.listenOverflows,
      openLoopHalfCapacity: r.half.listenOverflows,
    },
    keepAliveRetries:
      r.baseline.load.keepAliveRetries +
      r.closed.load.keepAliveRetries +
      r.open.load.keepAliveRetries +
      r.half.load.keepAliveRetries,
    cpu: { ivr: r.closed.cpu, baseline: r.baseline.cpu, openLoop: r.open.cpu, openLoopHalfCapacity: r.half.cpu },
    /** Phases during which other work used more than OTHER_WORK_WARNING cores: their numbers are too low. */
    disturbedPhases: [r.baseline, r.closed, r.open, r.half]
      .filter((p) => p.cpu.otherCores > OTHER_WORK_WARNING)
      .map((p) => p.name),
    routes: slimRoutes,
    pass: {
      ratio: ratio >= TARGETS.ratio,
      openLoopP99: r.open.load.latency.p99Ms < TARGETS.openLoopP99Ms,
      errors: r.errors === TARGETS.errors,
      overbooked: r.overbooked === 0,
    },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: r.postgres,
      loadAvgBefore: round(r.loadBefore, 2),
    },
    serverStartSeconds: r.serverStartSeconds,
  };
}
