// One measured phase of bench:ivr: the load generator runs a job against a server while this
// side takes a snapshot when the measurement window opens and when it closes: CPU time of the
// server, the load generator, PostgreSQL and the machine, bookings and transactions in the
// database, and the server's resident memory in between.
import type pg from "pg";
import type { LoadJob } from "./ivr-load.ts";
import type { LoadResult } from "./load-recorder.ts";
import type { LoadWorker } from "./load-worker-client.ts";
import { allProcessesCpu, busiestOthers, listenOverflows, PostgresCpu, processCpuMs, processCpuTimes, sampleRss } from "./proc-stats.ts";
import { OTHER_WORK_WARNING } from "./ivr-report.ts";
import { round } from "./report.ts";
import { machineBusyMs } from "./run-phase.ts";
import type { ServerProcess } from "./server-process.ts";

export interface CpuSplit {
  /** Cores busy on average during the window (1.0 = one core all the time); postgres = backends of the bench database. */
  serverCores: number;
  /** Share of the server's CPU time spent in the kernel (sockets: HTTP and PostgreSQL). */
  serverSystemShare: number;
  loadGeneratorCores: number;
  postgresCores: number;
  /** This benchmark process (snapshots, RSS sampling). */
  benchCores: number;
  /** Everything else on the machine: other work skews the numbers. */
  otherCores: number;
  /** The busiest other processes still alive at the end of the window (cores). */
  busiestOthers: { pid: number; comm: string; cores: number }[];
  machineCores: number;
  /** CPU ms per counted webhook request. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
}

export interface PhaseResult {
  name: string;
  load: LoadResult;
  cpu: CpuSplit;
  rss: { peakMb: number; meanMb: number };
  /** Bookings the database gained inside the window, and over the whole phase. */
  dbBookingsInWindow: number | null;
  dbBookingsTotal: number | null;
  bookingsPerSecond: number | null;
  /** Connections the kernel dropped because a listen queue was full (machine-wide, whole phase). */
  listenOverflows: number;
  /** Committed + rolled-back transactions per counted webhook (pg_stat_database; ~1 s lag). */
  transactionsPerRequest: number | null;
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
export async function waitForQuiet(ourPids: number[], database: string, maxSeconds: number, cores = OTHER_WORK_WARNING): Promise<{ waitedSeconds: number; otherCores: number }> {
  const started = performance.now();
  for (;;) {
    const pg = new PostgresCpu(database);
    const ours0 = ourPids.reduce((ms, pid) => ms + processCpuMs(pid), 0);
    const machine0 = machineBusyMs();
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ours = ourPids.reduce((ms, pid) => ms + processCpuMs(pid), 0) - ours0 + pg.stop();
    const other = Math.max(0, machineBusyMs() - machine0 - ours) / (performance.now() - t0);
    const waitedSeconds = (performance.now() - started) / 1000;
    if (other < cores || waitedSeconds >= maxSeconds) return { waitedSeconds: round(waitedSeconds, 1), otherCores: round(other, 2) };
  }
}

export async function measuredPhase(
  name: string,
  job: LoadJob,
  worker: LoadWorker,
  server: ServerProcess,
  db: pg.ClientBase | null,
  /** Name of the benchmark database: only its backends count as PostgreSQL CPU. */
  database: string,
): Promise<PhaseResult> {
  const snapshot = async (): Promise<Snapshot> => {
    const times = processCpuTimes(server.pid);
    const cpu = { at: performance.now(), processes: allProcessesCpu(), server: times.userMs + times.systemMs, serverSystem: times.systemMs, worker: processCpuMs(worker.pid), bench: processCpuMs(process.pid), machine: machineBusyMs() };
    return { ...cpu, ...(await dbCounts(db)) };
  };
  const before = await dbCounts(db);
  const overflowsBefore = listenOverflows();
  let start: Promise<Snapshot> | undefined;
  let end: Promise<Snapshot> | undefined;
  let rss: ReturnType<typeof sampleRss> | undefined;
  let postgresCpu: PostgresCpu | undefined;
  let postgres = 0;
  let rssResult = { peakMb: Number.NaN, meanMb: Number.NaN };
  const load = await worker.run(job, (edge) => {
    if (edge === "start") {
      start = snapshot();
      rss = sampleRss(server.pid);
      postgresCpu = new PostgresCpu(database);
    } else {
      end = snapshot();
      if (rss) rssResult = rss.stop();
      postgres = postgresCpu?.stop() ?? 0;
    }
  });
  if (!start || !end) throw new Error(`${name}: the measurement window never opened or closed`);
  const [a, b] = await Promise.all([start, end]);
  const after = await dbCounts(db);
  const overflows = listenOverflows() - overflowsBefore;
  const windowMs = b.at - a.at;
  const cores = (ms: number) => round(ms / windowMs, 2);
  const perRequest = (ms: number) => round(ms / Math.max(1, load.requests), 3);
  const server_ = b.server - a.server;
  const worker_ = b.worker - a.worker;
  const machine = b.machine - a.machine;
  const bench = b.bench - a.bench;
  const ours = new Set([server.pid, worker.pid, process.pid].map(String));
  const others = busiestOthers(a.processes, b.processes, (pid) => ours.has(pid));
  const dbBookingsInWindow = a.bookings === null || b.bookings === null ? null : b.bookings - a.bookings;
  return {
    name,
    load,
    cpu: {
      serverCores: cores(server_),
      serverSystemShare: round((b.serverSystem - a.serverSystem) / Math.max(1, server_), 2),
      loadGeneratorCores: cores(worker_),
      postgresCores: cores(postgres),
      benchCores: cores(bench),
      otherCores: cores(Math.max(0, machine - server_ - worker_ - postgres - bench)),
      busiestOthers: others.map((p) => ({ pid: p.pid, comm: p.comm, cores: cores(p.ms) })),
      machineCores: cores(machine),
      serverCpuMsPerRequest: perRequest(server_),
      postgresCpuMsPerRequest: perRequest(postgres),
      loadGeneratorCpuMsPerRequest: perRequest(worker_),
    },
    rss: { peakMb: round(rssResult.peakMb, 1), meanMb: round(rssResult.meanMb, 1) },
    dbBookingsInWindow,
    listenOverflows: overflows,
    dbBookingsTotal: before.bookings === null || after.bookings === null ? null : after.bookings - before.bookings,
    bookingsPerSecond: dbBookingsInWindow === null ? null : round(dbBookingsInWindow / (windowMs / 1000), 1),
    transactionsPerRequest: a.xacts === null || b.xacts === null ? null : round((b.xacts - a.xacts) / Math.max(1, load.requests), 2),
  };
}
