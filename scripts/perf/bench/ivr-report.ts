// What bench:ivr prints at the end: the phase table, where the hotline's time goes per route, the
// CPU split, bookings, memory, the database, the ledger check, errors by kind, the targets with
// PASS/FAIL, and the JSON line.
import os from "node:os";
import { log } from "../harness/command.ts";
import type { LedgerCheck } from "../harness/ledger-checks.ts";
import { machine } from "../harness/results.ts";
import type { ServerProcess } from "../harness/server.ts";
import { round, sum, table } from "../harness/stats.ts";
import { OTHER_WORK_WARNING, type PhaseResult, type SessionStats } from "./ivr-measure.ts";

export const TARGETS = { ratio: 0.5, openLoopP99Ms: 100, errors: 0 } as const;

export interface Phases {
  baseline: PhaseResult;
  closed: PhaseResult;
  open: PhaseResult;
  /** Open loop at half the closed loop's throughput. */
  half: PhaseResult;
}

const all = (p: Phases) => [p.baseline, p.closed, p.open, p.half];
const dash = (x: number | null, digits = 1) => (x === null || Number.isNaN(x) ? "-" : x.toFixed(digits));
const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");

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

function cpuLine(p: PhaseResult): string {
  const c = p.cpu;
  const others = c.busiestOthers.map((o) => `${o.comm} ${o.cores.toFixed(2)}`).join(", ");
  return (
    `  ${p.name}: machine ${c.machineCores.toFixed(2)} of ${os.cpus().length} cores busy = server ${c.serverCores.toFixed(2)}` +
    ` (${Math.round(100 * c.serverSystemShare)} % of it in the kernel) + postgres ${c.postgresCores.toFixed(2)}` +
    ` + load generator ${c.loadGeneratorCores.toFixed(2)} + this process ${c.benchCores.toFixed(2)} + other ${c.otherCores.toFixed(2)};` +
    ` per webhook: server ${c.serverCpuMsPerRequest.toFixed(3)} ms, postgres ${c.postgresCpuMsPerRequest.toFixed(3)} ms,` +
    ` load generator ${c.loadGeneratorCpuMsPerRequest.toFixed(3)} ms` +
    (p.transactionsPerRequest === null ? "" : `, ${p.transactionsPerRequest.toFixed(2)} transactions`) +
    (c.otherCores > OTHER_WORK_WARNING
      ? `\n    warning: ${c.otherCores.toFixed(2)} cores of other work on the machine during this phase; its numbers are too low` +
        (others ? ` (still running at the end: ${others})` : "")
      : "")
  );
}

export interface Checks {
  ledger: LedgerCheck;
  sessions: SessionStats;
  hotline: ServerProcess;
  errors: number;
}

export function printResults(p: Phases, c: Checks): void {
  const phases = all(p);
  log(`\n== results ==`);
  log(
    table(phases, {
      phase: (x) => x.name,
      "req/s": (x) => x.load.requestsPerSecond.toFixed(1),
      "p50 ms": (x) => x.load.latency.p50Ms.toFixed(2),
      "p95 ms": (x) => x.load.latency.p95Ms.toFixed(2),
      "p99 ms": (x) => x.load.latency.p99Ms.toFixed(2),
      "max ms": (x) => x.load.latency.maxMs.toFixed(1),
      calls: (x) => x.load.callsCompleted + x.load.callsFailed,
      "bookings/s": (x) => dash(x.bookingsPerSecond),
      errors: (x) => x.load.errors,
      "server cores": (x) => x.cpu.serverCores.toFixed(2),
      "postgres cores": (x) => x.cpu.postgresCores.toFixed(2),
      "client cores": (x) => x.cpu.loadGeneratorCores.toFixed(2),
      "server RSS peak": (x) => `${dash(x.rss.peakMb)} MB`,
    }),
  );
  log(`\nwhere the hotline's time goes (closed loop, client-side latency per route):`);
  const totalMs = sum(p.closed.load.routes.map((r) => r.meanMs * r.requests));
  log(
    table(p.closed.load.routes, {
      route: (r) => r.route,
      requests: (r) => r.requests,
      "mean ms": (r) => r.meanMs.toFixed(2),
      "p50 ms": (r) => r.p50Ms.toFixed(2),
      "p99 ms": (r) => r.p99Ms.toFixed(2),
      "share of time": (r) => `${((100 * r.meanMs * r.requests) / totalMs).toFixed(1)} %`,
    }),
  );
  log(`\nCPU during the measured windows:`);
  for (const phase of phases) log(cpuLine(phase));
  const [ivr, base] = [p.closed.load, p.baseline.load];
  log(
    `\nrequest bodies: hotline ${ivr.meanRequestBodyBytes} B, baseline ${base.meanRequestBodyBytes} B on average;` +
      ` responses ${ivr.meanResponseBodyBytes} B vs ${base.meanResponseBodyBytes} B; ${ivr.requestsPerCall} vs ${base.requestsPerCall} requests per call`,
  );
  const overflowing = phases.filter((x) => x.listenOverflows > 0).map((x) => `${x.name} ${x.listenOverflows}`);
  if (overflowing.length)
    log(`connections dropped by a full listen queue (kernel, machine-wide): ${overflowing.join(", ")}`);
  const retries = phases.filter((x) => x.load.keepAliveRetries > 0).map((x) => `${x.name} ${x.load.keepAliveRetries}`);
  if (retries.length)
    log(`requests sent again after the server closed a reused keep-alive connection: ${retries.join(", ")}`);
  const booked = (x: PhaseResult) => `${x.dbBookingsTotal} / ${x.load.bookingsTotal}`;
  log(
    `bookings (database / heard by callers, whole phase): closed loop ${booked(p.closed)}, open loop ${booked(p.open)}, half rate ${booked(p.half)}`,
  );
  log(
    `server RSS peak: hotline ${p.closed.rss.peakMb} MB (closed loop), ${p.open.rss.peakMb} MB (open), ${p.half.rss.peakMb} MB (half rate); baseline ${p.baseline.rss.peakMb} MB`,
  );
  const s = c.sessions;
  log(
    `call_session: ${s.rows} rows, state ${s.avgStateBytes} B and last response ${s.avgResponseBytes} B on average (stored size);` +
      ` ${s.updates} updates, ${s.hotUpdatePercent} % of them HOT; ${s.tableMb} MB with indexes`,
  );
  const serverLog = [...c.hotline.logCounts].map(([msg, n]) => `  ${n} × ${msg}`);
  if (serverLog.length) log(`hotline log lines at warn or above (whole run):\n${serverLog.join("\n")}`);
  const l = c.ledger;
  log(
    `ledger check: over capacity ${l.overCapacity}, counter mismatches ${l.countMismatch}, broken pairs ${l.halfPairs}` +
      ` → overbooked ${l.overbooked} (${l.activeBookings} active bookings, ${l.holds} holds left)`,
  );
  log(`errors: ${c.errors}`);
  for (const phase of phases) {
    for (const [kind, n] of Object.entries(phase.load.errorsByKind)) log(`  ${phase.name}: ${n} × ${kind}`);
    for (const sample of phase.load.errorSamples.slice(0, 3)) log(`    e.g. ${sample.replace(/\n/g, " ")}`);
  }
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

export function printTargets(json: ReturnType<typeof resultJson>): void {
  log(`\nratio hotline/baseline ${json.ratio} (target >= ${TARGETS.ratio}): ${pass(json.pass.ratio)}`);
  log(
    `  (server CPU per webhook, baseline ÷ hotline: ${json.cpuRatio}; steadier than throughput when other work shares the machine)`,
  );
  const o = json.openLoop;
  log(
    `open-loop p99 ${o.p99Ms} ms at ${o.offeredRate} req/s offered, ${o.achievedRate} achieved (target < ${TARGETS.openLoopP99Ms} ms): ${pass(json.pass.openLoopP99)}`,
  );
  log(`errors ${json.errors} (target ${TARGETS.errors}): ${pass(json.pass.errors)}`);
  log(`overbooked ${json.overbooked} (must be 0): ${pass(json.pass.overbooked)}`);
  if (json.disturbedPhases.length > 0)
    log(
      `note: other work on the machine disturbed ${json.disturbedPhases.join(", ")}; rerun on a quiet machine for clean numbers`,
    );
}
