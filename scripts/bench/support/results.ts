// The per-level results, the sweep table and the one-line JSON the benchmark ends with.
import os from "node:os";
import { round, table, type PhaseSummary } from "./report.ts";

export const TARGET_PAIRS_PER_SECOND = 1_000;
export const TARGET_RATIO = 0.25;

export interface Level {
  concurrency: number;
  ledger: PhaseSummary;
  raw: PhaseSummary;
  find?: PhaseSummary;
  /** ledger pairs/s divided by raw SQL pairs/s. */
  ratio: number;
}

const phasesOf = (r: Level) => [r.ledger, r.raw, ...(r.find ? [r.find] : [])];

export function sweepTable(results: Level[]): string {
  return table(
    [
      "concurrency",
      "ledger pairs/s",
      "raw pairs/s",
      "ratio",
      "ledger p50",
      "ledger p99",
      "raw p50",
      "raw p99",
      "errors",
      "overbooked",
    ],
    results.map((r) => [
      r.concurrency,
      r.ledger.pairsPerSecond,
      r.raw.pairsPerSecond,
      r.ratio,
      r.ledger.p50Ms,
      r.ledger.p99Ms,
      r.raw.p50Ms,
      r.raw.p99Ms,
      phasesOf(r).reduce((n, p) => n + p.errors, 0),
      Math.max(...phasesOf(r).map((p) => p.overbooked)),
    ]),
  );
}

const slim = (p: PhaseSummary) => {
  const { check: _check, errorSamples: _samples, ...rest } = p;
  return rest;
};

/** Headline numbers from concurrency 32 (or the only level run); every level under `levels`. */
export function resultJson(results: Level[], run: { seconds: number; postgres: string; loadBefore: number }) {
  const all = results.flatMap(phasesOf);
  const head = results.find((r) => r.concurrency === 32) ?? results[0]!;
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
    errors: all.reduce((n, p) => n + p.errors, 0),
    overbooked: Math.max(...all.map((p) => p.overbooked)),
    pass: { pairsPerSecond: head.ledger.pairsPerSecond >= TARGET_PAIRS_PER_SECOND, ratio: head.ratio >= TARGET_RATIO },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: run.postgres,
      loadAvgBefore: round(run.loadBefore, 2),
    },
    levels: results.map((r) => ({
      concurrency: r.concurrency,
      ratio: r.ratio,
      ledger: slim(r.ledger),
      raw: slim(r.raw),
      find: r.find ? slim(r.find) : null,
    })),
  };
}
