// bench:ledger's JSON line: the headline numbers of concurrency 32 (or the only level run), and
// under `levels` every phase of every level (pairs/s, latency, conflicts, errors, overbooked, CPU
// per pair) and each level's ratio to raw SQL.
import type { LedgerCheck } from "../harness/ledger-checks.ts";
import { machine } from "../harness/results.ts";
import { latency, round, sum, type Latency } from "../harness/stats.ts";
import type { PhaseRun } from "./ledger-bookers.ts";

export const TARGET_PAIRS_PER_SECOND = 1_000;
export const TARGET_RATIO = 0.25;

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
  /** Bookings the database gained during the phase; must equal `pairs`. */
  dbPairs: number;
  /** CPU ms per booked pair: this Node process, and the rest of the machine (mostly PostgreSQL). */
  nodeCpuMsPerPair: number;
  otherCpuMsPerPair: number;
  findBook?: Latency;
}

export interface Level {
  concurrency: number;
  ledger: PhaseSummary;
  raw: PhaseSummary;
  find?: PhaseSummary;
  /** Ledger pairs/s divided by raw SQL pairs/s. */
  ratio: number;
}

export function summarise(phase: string, run: PhaseRun, check: LedgerCheck, dbPairs: number): PhaseSummary {
  const mismatch = dbPairs === run.pairs ? [] : [`database gained ${dbPairs} bookings, bookers counted ${run.pairs}`];
  return {
    phase,
    concurrency: run.concurrency,
    seconds: round(run.elapsedSeconds),
    pairs: run.pairs,
    pairsPerSecond: round(run.pairs / run.elapsedSeconds, 1),
    conflicts: run.conflicts,
    errors: run.errors + mismatch.length,
    errorSamples: [...run.errorSamples, ...mismatch],
    exhausted: run.exhausted,
    overbooked: check.overbooked,
    dbPairs,
    nodeCpuMsPerPair: round(run.nodeCpuMs / run.pairs, 3),
    otherCpuMsPerPair: round((run.machineCpuMs - run.nodeCpuMs) / run.pairs, 3),
    ...latency(run.bookMs),
    ...(run.findBookMs.length > 0 ? { findBook: latency(run.findBookMs) } : {}),
  };
}

const phasesOf = (l: Level) => [l.ledger, l.raw, ...(l.find ? [l.find] : [])];

const slim = ({ errorSamples: _samples, ...rest }: PhaseSummary) => rest;

export function resultJson(levels: Level[], run: { seconds: number; postgres: string; loadBefore: number }) {
  const all = levels.flatMap(phasesOf);
  const head = levels.find((l) => l.concurrency === 32) ?? levels[0]!;
  return {
    benchmark: "ledger",
    date: new Date().toISOString(),
    concurrency: head.concurrency,
    seconds: run.seconds,
    pairsPerSecond: head.ledger.pairsPerSecond,
    rawSqlPairsPerSecond: head.raw.pairsPerSecond,
    ratio: head.ratio,
    p50Ms: head.ledger.p50Ms,
    p95Ms: head.ledger.p95Ms,
    p99Ms: head.ledger.p99Ms,
    rawP50Ms: head.raw.p50Ms,
    rawP99Ms: head.raw.p99Ms,
    findBookP50Ms: head.find?.findBook?.p50Ms ?? null,
    findBookP99Ms: head.find?.findBook?.p99Ms ?? null,
    pairs: head.ledger.pairs,
    conflicts: head.ledger.conflicts,
    rawConflicts: head.raw.conflicts,
    /** All phases of all levels. */
    errors: sum(all.map((p) => p.errors)),
    overbooked: Math.max(...all.map((p) => p.overbooked)),
    pass: { pairsPerSecond: head.ledger.pairsPerSecond >= TARGET_PAIRS_PER_SECOND, ratio: head.ratio >= TARGET_RATIO },
    machine: { ...machine(), postgres: run.postgres, loadAvgBefore: round(run.loadBefore) },
    levels: levels.map((l) => ({
      concurrency: l.concurrency,
      ratio: l.ratio,
      ledger: slim(l.ledger),
      raw: slim(l.raw),
      find: l.find ? slim(l.find) : null,
    })),
  };
}
