// Phase summaries and the plain-text tables the benchmark prints.
import type { LedgerCheck } from "./verify.ts";
import { latency, type Latency, type PhaseRun } from "./run-phase.ts";

export interface PhaseSummary extends Latency {
  phase: string;
  concurrency: number;
  seconds: number;
  pairs: number;
  pairsPerSecond: number;
  conflicts: number;
  errors: number;
  errorSamples: string[];
  exhausted: boolean;
  overbooked: number;
  check: LedgerCheck;
  /** Bookings the database gained during the phase; must equal `pairs`. */
  dbPairs: number;
  /** CPU ms per booked pair: this Node process, and the rest of the machine (mostly PostgreSQL). */
  nodeCpuMsPerPair: number;
  otherCpuMsPerPair: number;
  findBook?: Latency;
}

export function summarise(phase: string, run: PhaseRun, check: LedgerCheck, dbPairs: number): PhaseSummary {
  const mismatch = dbPairs === run.pairs ? [] : [`database gained ${dbPairs} bookings, bookers counted ${run.pairs}`];
  return {
    phase,
    concurrency: run.concurrency,
    seconds: round(run.elapsedSeconds, 2),
    pairs: run.pairs,
    pairsPerSecond: round(run.pairs / run.elapsedSeconds, 1),
    conflicts: run.conflicts,
    errors: run.errors + mismatch.length,
    errorSamples: [...run.errorSamples, ...mismatch],
    exhausted: run.exhausted,
    overbooked: check.overbooked,
    check,
    dbPairs,
    nodeCpuMsPerPair: round(run.nodeCpuMs / run.pairs, 3),
    otherCpuMsPerPair: round((run.machineCpuMs - run.nodeCpuMs) / run.pairs, 3),
    ...latency(run.bookMs),
    ...(run.findBookMs.length > 0 ? { findBook: latency(run.findBookMs) } : {}),
  };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function phaseTable(phases: PhaseSummary[]): string {
  return table(
    [
      "phase",
      "pairs",
      "pairs/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "conflicts",
      "errors",
      "overbooked",
      "node cpu/pair",
      "other cpu/pair",
    ],
    phases.map((p) => [
      p.phase,
      p.pairs,
      p.pairsPerSecond.toFixed(1),
      p.p50Ms.toFixed(2),
      p.p95Ms.toFixed(2),
      p.p99Ms.toFixed(2),
      p.maxMs.toFixed(1),
      p.conflicts,
      p.errors,
      p.overbooked,
      `${p.nodeCpuMsPerPair.toFixed(3)} ms`,
      `${p.otherCpuMsPerPair.toFixed(3)} ms`,
    ]),
  );
}
