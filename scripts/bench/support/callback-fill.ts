// Filling the callback queue: a timed sample through CallbackService.register (the path a
// caller takes), the rest in one INSERT ... SELECT generate_series, and a check that the bulk
// rows carry the priority group and release window fairness.ts would have given them.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { CallbackService } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import { priorityGroup, releaseWindow } from "../../../ivr/src/domain/callbacks/fairness.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";
import { berlinParts } from "../../../ivr/src/domain/time/berlin.ts";
import { BULK_INSERT_SQL, callerInput } from "./callback-population.ts";
import { latency, type Latency } from "./run-phase.ts";

/** A clock the benchmark sets: to each caller's first contact, then to "after all windows". */
export class BenchClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = at;
  }
}

export interface Day {
  opensAt: Date;
  opensAtText: string;
  spreadMinutes: number;
  windowMinutes: number;
}

export interface RegisterRun extends Latency {
  registered: number;
  seconds: number;
  perSecond: number;
  errors: number;
  errorSamples: string[];
  samples: number[];
}

/**
 * Registers callers first..first+count-1 with `concurrency` callers at a time. The clock is set
 * to each caller's first contact just before register() reads it (synchronously, first thing).
 */
export async function registerSample(
  callbacks: CallbackService,
  clock: BenchClock,
  day: Day,
  first: number,
  count: number,
  concurrency: number,
): Promise<RegisterRun> {
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let next = first;
  let errors = 0;
  const started = performance.now();
  const registrant = async () => {
    while (next < first + count) {
      const input = callerInput(next++, day.opensAt, day.spreadMinutes);
      const t0 = performance.now();
      clock.set(input.at);
      try {
        const { created } = await callbacks.register(input);
        if (!created) throw new Error(`${input.phone} was not created (already open?)`);
        samples.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, registrant));
  const seconds = (performance.now() - started) / 1000;
  return {
    registered: samples.length,
    seconds,
    perSecond: count > 0 ? samples.length / seconds : 0,
    errors,
    errorSamples,
    samples,
    ...latency(samples),
  };
}

/** Rows first..first+count-1 in one statement; returns the seconds it took. */
export async function bulkFill(db: pg.Client, day: Day, first: number, count: number, now: Date): Promise<number> {
  const t0 = performance.now();
  const result = await db.query(BULK_INSERT_SQL, [
    first,
    count,
    day.opensAt,
    day.windowMinutes,
    berlinParts(now).year,
    day.spreadMinutes * 60,
  ]);
  if (result.rowCount !== count) throw new Error(`bulk insert wrote ${result.rowCount} rows, expected ${count}`);
  return (performance.now() - t0) / 1000;
}

/** Recomputes priority group and release window in JavaScript for `sample` random bulk rows. */
export async function checkBulkRows(
  db: pg.Client,
  day: Day,
  now: Date,
  sample: number,
): Promise<{ checked: number; mismatches: number }> {
  const { rows } = await db.query<{
    priority_group: number;
    release_window: Date;
    birth_year: number | null;
    has_code: boolean;
    first_contact_at: Date;
  }>(
    `SELECT priority_group, release_window, birth_year, has_code, first_contact_at FROM callback_request
      WHERE origin_call_sid LIKE 'CAbench%' AND window_from IS NULL ORDER BY random() LIMIT $1`,
    [sample],
  );
  const mismatches = rows.filter(
    (r) =>
      r.priority_group !== priorityGroup({ hasCode: r.has_code, birthYear: r.birth_year }, now) ||
      r.release_window.getTime() !== releaseWindow(r.first_contact_at, day.windowMinutes, day.opensAtText).getTime(),
  ).length;
  return { checked: rows.length, mismatches };
}
