// One measured phase of bench:ivr, possibly made of several slices (the closed loops alternate
// hotline and baseline slices, so other work on a shared machine hits both alike). For each
// slice the load generator runs a job while this side snapshots, when the measurement window
// opens and closes, the CPU time of the server, the load generator, this process, PostgreSQL
// backends of the bench database and the whole machine, and bookings and transactions in the
// database; the server's RSS is sampled in between. Slices add up raw; rates come last.
import type pg from "pg";
import { OTHER_WORK_WARNING } from "./ivr-report.ts";
import type { LoadJob } from "./ivr-load.ts";
import type { LoadResult } from "./load-recorder.ts";
import type { LoadWorker } from "./load-worker-client.ts";
import {
  allProcessesCpu,
  busiestOthers,
  listenOverflows,
  PostgresCpu,
  processCpuMs,
  processCpuTimes,
  sampleRss,
} from "./proc-stats.ts";
import { round } from "./report.ts";
import { machineBusyMs } from "./run-phase.ts";
import type { ServerProcess } from "./server-process.ts";

export interface CpuSplit {
  /** Cores busy on average during the windows (1.0 = one core all the time); postgres = backends of the bench database. */
  serverCores: number;
  /** Share of the server's CPU time spent in the kernel (sockets: HTTP and PostgreSQL). */
  serverSystemShare: number;
  loadGeneratorCores: number;
  postgresCores: number;
  /** This benchmark process (snapshots, RSS sampling). */
  benchCores: number;
  /** Everything else on the machine: other work skews the numbers. */
  otherCores: number;
  /** The busiest other processes still alive at the end of a window (cores). */
  busiestOthers: { pid: number; comm: string; cores: number }[];
  machineCores: number;
  /** CPU ms per counted webhook request. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
}

export interface PhaseResult {
  name: string;
  slices: number;
  load: LoadResult;
  cpu: CpuSplit;
  rss: { peakMb: number; meanMb: number };
  /** Bookings the database gained inside the windows, and over the whole phase. */
  dbBookingsInWindow: number | null;
  dbBookingsTotal: number | null;
  bookingsPerSecond: number | null;
  /** Connections the kernel dropped because a listen queue was full (machine-wide, whole phase). */
  listenOverflows: number;
  /** Committed + rolled-back transactions per counted webhook (pg_stat_database; ~1 s lag). */
  transactionsPerRequest: number | null;
}

/** Raw measurements of one slice; slices of a phase are summed. */
export interface Slice {
  /** The load generator's cumulative result for this side after the slice. */
  load: LoadResult;
  windowMs: number;
  serverMs: number;
  serverSystemMs: number;
  workerMs: number;
  postgresMs: number;
  benchMs: number;
  machineMs: number;
  others: { pid: number; comm: string; ms: number }[];
  rss: { peakMb: number; meanMb: number; samples: number };
  bookingsInWindow: number | null;
  bookingsTotal: number | null;
  xacts: number | null;
  listenOverflows: number;
}

interface Snapshot {
  at: number;
  processes: ReturnType<typeof allProcessesCpu>;
  server: number;
  serverSystem: number;
  worker: number;
  bench: number;
  machine: number;
  bookings: number | null;
  xacts: number | null;
}

async function dbCounts(db: pg.ClientBase | null): Promise<{ bookings: number | null; xacts: number | null }> {
  if (!db) return { bookings: null, xacts: null };
  const { rows } = await db.query<{ bookings: number; xacts: string }>(
    `SELECT (SELECT count(*)::int FROM booking) AS bookings,
            (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xacts`,
  );
  return { bookings: rows[0]!.bookings, xacts: Number(rows[0]!.xacts) };
}

/**
 * Waits (up to `maxSeconds`) until processes other than ours use less than `cores` of the
 * machine for a whole second: this machine is shared, and a phase measured next to someone
 * else's test run says little. Returns how long it waited and the other load it last saw.
 */
export async function waitForQuiet(
  ourPids: number[],
  database: string,
  maxSeconds: number,
  cores = OTHER_WORK_WARNING,
): Promise<{ waitedSeconds: number; otherCores: number }> {
  const started = performance.now();
  for (;;) {
    const postgres = new PostgresCpu(database);
    const ours0 = ourPids.reduce((ms, pid) => ms + processCpuMs(pid), 0);
    const machine0 = machineBusyMs();
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ours = ourPids.reduce((ms, pid) => ms + processCpuMs(pid), 0) - ours0 + postgres.stop();
    const other = Math.max(0, machineBusyMs() - machine0 - ours) / (performance.now() - t0);
    const waitedSeconds = (performance.now() - started) / 1000;
    if (other < cores || waitedSeconds >= maxSeconds)
      return { waitedSeconds: round(waitedSeconds, 1), otherCores: round(other, 2) };
  }
}

/** Runs one job (one slice) and measures it. `database`: only its backends count as PostgreSQL CPU. */
export async function measureSlice(
  job: LoadJob,
  worker: LoadWorker,
  server: ServerProcess,
  db: pg.ClientBase | null,
  database: string,
): Promise<Slice> {
  const snapshot = async (): Promise<Snapshot> => {
    const times = processCpuTimes(server.pid);
    const cpu = {
      at: performance.now(),
      processes: allProcessesCpu(),
      server: times.userMs + times.systemMs,
      serverSystem: times.systemMs,
      worker: processCpuMs(worker.pid),
      bench: processCpuMs(process.pid),
      machine: machineBusyMs(),
    };
    return { ...cpu, ...(await dbCounts(db)) };
  };
  const before = await dbCounts(db);
  const overflowsBefore = listenOverflows();
  let start: Promise<Snapshot> | undefined;
  let end: Promise<Snapshot> | undefined;
  let rss: ReturnType<typeof sampleRss> | undefined;
  let rssResult = { peakMb: Number.NaN, meanMb: Number.NaN, samples: 0 };
  let postgresCpu: PostgresCpu | undefined;
  let postgresMs = 0;
  const load = await worker.run(job, (edge) => {
    if (edge === "start") {
      start = snapshot();
      rss = sampleRss(server.pid);
      postgresCpu = new PostgresCpu(database);
    } else {
      end = snapshot();
      if (rss) rssResult = rss.stop();
      postgresMs = postgresCpu?.stop() ?? 0;
    }
  });
  if (!start || !end) throw new Error(`${job.target} ${job.mode}: the measurement window never opened or closed`);
  const [a, b] = await Promise.all([start, end]);
  const after = await dbCounts(db);
  const ours = new Set([server.pid, worker.pid, process.pid].map(String));
  return {
    load,
    windowMs: b.at - a.at,
    serverMs: b.server - a.server,
    serverSystemMs: b.serverSystem - a.serverSystem,
    workerMs: b.worker - a.worker,
    postgresMs,
    benchMs: b.bench - a.bench,
    machineMs: b.machine - a.machine,
    others: busiestOthers(a.processes, b.processes, (pid) => ours.has(pid)),
    rss: rssResult,
    bookingsInWindow: a.bookings === null || b.bookings === null ? null : b.bookings - a.bookings,
    bookingsTotal: before.bookings === null || after.bookings === null ? null : after.bookings - before.bookings,
    xacts: a.xacts === null || b.xacts === null ? null : b.xacts - a.xacts,
    listenOverflows: listenOverflows() - overflowsBefore,
  };
}

/** Adds up the slices of a phase; `load` is the last slice's (the recorder is cumulative). */
export function combineSlices(name: string, slices: Slice[]): PhaseResult {
  const sum = (f: (s: Slice) => number) => slices.reduce((t, s) => t + f(s), 0);
  const sumOrNull = (f: (s: Slice) => number | null) => (slices.some((s) => f(s) === null) ? null : sum((s) => f(s)!));
  const load = slices.at(-1)!.load;
  const windowMs = sum((s) => s.windowMs);
  const server = sum((s) => s.serverMs);
  const worker = sum((s) => s.workerMs);
  const postgres = sum((s) => s.postgresMs);
  const bench = sum((s) => s.benchMs);
  const machine = sum((s) => s.machineMs);
  const cores = (ms: number) => round(ms / windowMs, 2);
  const perRequest = (ms: number) => round(ms / Math.max(1, load.requests), 3);
  const others = new Map<string, { pid: number; comm: string; ms: number }>();
  for (const o of slices.flatMap((s) => s.others)) {
    const key = `${o.pid}`;
    others.set(key, { ...o, ms: (others.get(key)?.ms ?? 0) + o.ms });
  }
  const rssSamples = sum((s) => s.rss.samples);
  const bookingsInWindow = sumOrNull((s) => s.bookingsInWindow);
  const xacts = sumOrNull((s) => s.xacts);
  return {
    name,
    slices: slices.length,
    load,
    cpu: {
      serverCores: cores(server),
      serverSystemShare: round(sum((s) => s.serverSystemMs) / Math.max(1, server), 2),
      loadGeneratorCores: cores(worker),
      postgresCores: cores(postgres),
      benchCores: cores(bench),
      otherCores: cores(Math.max(0, machine - server - worker - postgres - bench)),
      busiestOthers: [...others.values()]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((o) => ({ pid: o.pid, comm: o.comm, cores: cores(o.ms) })),
      machineCores: cores(machine),
      serverCpuMsPerRequest: perRequest(server),
      postgresCpuMsPerRequest: perRequest(postgres),
      loadGeneratorCpuMsPerRequest: perRequest(worker),
    },
    rss: {
      peakMb: round(Math.max(...slices.map((s) => s.rss.peakMb)), 1),
      meanMb: round(sum((s) => s.rss.meanMb * s.rss.samples) / Math.max(1, rssSamples), 1),
    },
    dbBookingsInWindow: bookingsInWindow,
    dbBookingsTotal: sumOrNull((s) => s.bookingsTotal),
    bookingsPerSecond: bookingsInWindow === null ? null : round(bookingsInWindow / (windowMs / 1000), 1),
    listenOverflows: sum((s) => s.listenOverflows),
    transactionsPerRequest: xacts === null ? null : round(xacts / Math.max(1, load.requests), 2),
  };
}
