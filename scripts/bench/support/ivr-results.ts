// The end of a bench:ivr run: errors gathered by kind from all phases, the printed results
// (tables, CPU, bookings, memory, database, ledger check) and the target lines.
import type { SessionStats } from "./ivr-db-stats.ts";
import type { PhaseResult } from "./ivr-phase.ts";
import { cpuLines, errorLines, pass, phaseTable, routeTable, TARGETS, type resultJson } from "./ivr-report.ts";
import type { ServerProcess } from "./server-process.ts";
import type { LedgerCheck } from "./verify.ts";

export interface Phases {
  baseline: PhaseResult;
  closed: PhaseResult;
  open: PhaseResult;
  half: PhaseResult;
}

/** Errors of every phase by kind, plus one per hotline phase whose bookings the callers did not all hear. */
export function gatherErrors(p: Phases): { errors: number; errorsByKind: Record<string, number> } {
  const errorsByKind: Record<string, number> = {};
  const add = (kind: string, n: number) => n > 0 && (errorsByKind[kind] = (errorsByKind[kind] ?? 0) + n);
  for (const phase of [p.baseline, p.closed, p.open, p.half])
    for (const [kind, n] of Object.entries(phase.load.errorsByKind)) add(kind, n);
  for (const phase of [p.closed, p.open, p.half]) {
    if (phase.dbBookingsTotal !== null && phase.dbBookingsTotal !== phase.load.bookingsTotal)
      add("booking_count_mismatch", 1);
  }
  return { errors: Object.values(errorsByKind).reduce((a, b) => a + b, 0), errorsByKind };
}

export interface Checks {
  ledger: LedgerCheck;
  holdsLeft: number;
  sessions: SessionStats;
  hotline: ServerProcess;
  errors: number;
}

export function printResults(log: (line?: string) => void, p: Phases, c: Checks): void {
  const phases = [p.baseline, p.closed, p.open, p.half];
  log(`\n== results ==`);
  log(phaseTable(phases));
  log(`\nwhere the hotline's time goes (closed loop, client-side latency per route):`);
  log(routeTable(p.closed));
  log(`\nCPU during the measured windows:`);
  for (const phase of phases) log(cpuLines(phase));
  log(
    `\nrequest bodies: hotline ${p.closed.load.meanRequestBodyBytes} B, baseline ${p.baseline.load.meanRequestBodyBytes} B on average;` +
      ` responses ${p.closed.load.meanResponseBodyBytes} B vs ${p.baseline.load.meanResponseBodyBytes} B;` +
      ` ${p.closed.load.requestsPerCall} vs ${p.baseline.load.requestsPerCall} requests per call`,
  );
  const overflowing = phases.filter((x) => x.listenOverflows > 0).map((x) => `${x.name} ${x.listenOverflows}`);
  if (overflowing.length > 0)
    log(`connections dropped by a full listen queue (kernel, machine-wide): ${overflowing.join(", ")}`);
  const retries = phases.filter((x) => x.load.keepAliveRetries > 0).map((x) => `${x.name} ${x.load.keepAliveRetries}`);
  if (retries.length > 0)
    log(`requests sent again after the server closed a reused keep-alive connection: ${retries.join(", ")}`);
  log(
    `bookings (database / heard by callers, whole phase): closed loop ${p.closed.dbBookingsTotal} / ${p.closed.load.bookingsTotal}, ` +
      `open loop ${p.open.dbBookingsTotal} / ${p.open.load.bookingsTotal}, half rate ${p.half.dbBookingsTotal} / ${p.half.load.bookingsTotal}`,
  );
  log(
    `server RSS peak: hotline ${p.closed.rss.peakMb} MB (closed loop), ${p.open.rss.peakMb} MB (open), ${p.half.rss.peakMb} MB (half rate); baseline ${p.baseline.rss.peakMb} MB`,
  );
  const s = c.sessions;
  log(
    `call_session: ${s.rows} rows, state ${s.avgStateBytes} B and last response ${s.avgResponseBytes} B on average (stored size);` +
      ` ${s.updates} updates, ${s.hotUpdatePercent} % of them HOT; ${s.tableMb} MB with indexes`,
  );
  const serverLog = [...c.hotline.logCounts()].map(([msg, n]) => `${n} × ${msg}`);
  if (serverLog.length > 0)
    log(`hotline log lines at warn or above (whole run):\n${serverLog.map((l) => `  ${l}`).join("\n")}`);
  log(
    `ledger check: over capacity ${c.ledger.overCapacity}, booked counter mismatches ${c.ledger.counterMismatch}, broken pairs ${c.ledger.brokenPairs}` +
      ` → overbooked ${c.ledger.overbooked} (${c.ledger.activeBookings} active bookings, ${c.holdsLeft} holds left)`,
  );
  if (c.errors > 0) {
    log(`errors: ${c.errors}`);
    for (const line of errorLines(phases)) log(line);
  } else log("errors: 0");
}

export function printTargets(log: (line?: string) => void, json: ReturnType<typeof resultJson>): void {
  log(`\nratio hotline/baseline ${json.ratio} (target >= ${TARGETS.ratio}): ${pass(json.pass.ratio)}`);
  log(
    `  (server CPU per webhook, baseline ÷ hotline: ${json.cpuRatio}; steadier than throughput when other work shares the machine)`,
  );
  log(
    `open-loop p99 ${json.openLoop.p99Ms} ms at ${json.openLoop.offeredRate} req/s offered, ${json.openLoop.achievedRate} achieved` +
      ` (target < ${TARGETS.openLoopP99Ms} ms): ${pass(json.pass.openLoopP99)}`,
  );
  log(`errors ${json.errors} (target ${TARGETS.errors}): ${pass(json.pass.errors)}`);
  log(`overbooked ${json.overbooked} (must be 0): ${pass(json.pass.overbooked)}`);
  if (json.disturbedPhases.length > 0)
    log(
      `note: other work on the machine disturbed ${json.disturbedPhases.join(", ")}; rerun on a quiet machine for clean numbers`,
    );
}
