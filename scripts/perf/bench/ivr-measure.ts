// One measured phase of bench:ivr, possibly made of several slices (the closed loops alternate
// hotline and baseline slices, so other work on a shared machine hits both alike). For each
// slice the load generator process runs a job while this side snapshots, when the measurement
// window opens and closes, the CPU time of the server, the load generator, this process, the
// PostgreSQL backends of the bench database and the whole machine, and bookings and
// transactions in the database; the server's RSS is sampled in between. Slices add up raw;
// rates come last.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { sleep } from "../harness/command.ts";
import {
  allProcessesCpu,
  busiestOthers,
  listenOverflows,
  machineBusyMs,
  PostgresCpu,
  processCpuMs,
  processCpuTimes,
  sampleRss,
} from "../harness/proc-stats.ts";
import { REPO_ROOT } from "../harness/results.ts";
import type { ServerProcess } from "../harness/server.ts";
import { round, sum } from "../harness/stats.ts";
import type { LoadResult } from "../load/recorder.ts";
import type { LoadJob, WindowEdge } from "./ivr-load.ts";

/** Cores used by processes outside the benchmark above which a phase is flagged as disturbed. */
export const OTHER_WORK_WARNING = 0.15;

type Message =
  | { type: "ready"; postcodes: number }
  | { type: "window"; edge: WindowEdge }
  | { type: "result"; result: LoadResult }
  | { type: "failed"; message: string };

/** The benchmark's side of the load generator process (ivr-load-worker.ts): one job at a time. */
export class LoadWorker {
  private constructor(
    private readonly child: ChildProcess,
    readonly postcodes: number,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(): Promise<LoadWorker> {
    const child = fork(fileURLToPath(new URL("./ivr-load-worker.ts", import.meta.url)), [], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const postcodes = await new Promise<number>((resolve, reject) => {
      child.once("message", (m: Message) =>
        m.type === "ready" ? resolve(m.postcodes) : reject(new Error(JSON.stringify(m))),
      );
      child.once("exit", (code) => reject(new Error(`load worker exited with code ${code} before it was ready`)));
    });
    return new LoadWorker(child, postcodes);
  }

  run(job: LoadJob, onWindow: (edge: WindowEdge) => void): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load worker exited with code ${code} during a phase`));
      const onMessage = (m: Message) => {
        if (m.type === "window") return onWindow(m.edge);
        if (m.type !== "result" && m.type !== "failed") return;
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
        if (m.type === "result") resolve(m.result);
        else reject(new Error(`load worker failed: ${m.message}`));
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      this.child.send({ type: "run", job });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: "exit" });
    setTimeout(() => this.child.exitCode === null && this.child.kill("SIGKILL"), 2_000).unref();
  }
}

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
  /** The busiest other processes alive at the end of a window (cores). */
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

/** Raw measurements of one slice; the slices of a phase are summed. */
export interface Slice {
  /** The load generator's cumulative result for this side after the slice. */
  load: LoadResult;
  ms: {
    window: number;
    server: number;
    serverSystem: number;
    worker: number;
    postgres: number;
    bench: number;
    machine: number;
  };
  others: { pid: number; comm: string; ms: number }[];
  rss: { peakMb: number; meanMb: number; samples: number };
  bookingsInWindow: number | null;
  bookingsTotal: number | null;
  xacts: number | null;
  listenOverflows: number;
}

async function dbCounts(db: pg.ClientBase | null): Promise<{ bookings: number | null; xacts: number | null }> {
  if (!db) return { bookings: null, xacts: null };
  const { rows } = await db.query<{ bookings: number; xacts: string }>(
    `SELECT (SELECT count(*)::int FROM booking) AS bookings,
            (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xacts`,
  );
  return { bookings: rows[0]!.bookings, xacts: Number(rows[0]!.xacts) };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/**
 * Waits (up to `maxSeconds`) until processes other than ours use less than OTHER_WORK_WARNING
 * cores for a whole second: this machine is shared, and a phase measured next to someone else's
 * test run says little. Returns how long it waited and the other load it last saw.
 */
export async function waitForQuiet(ourPids: number[], database: string, maxSeconds: number) {
  const started = performance.now();
  for (;;) {
    const postgres = new PostgresCpu(database);
    const ours = () => sum(ourPids.map(processCpuMs));
    const [ours0, machine0, t0] = [ours(), machineBusyMs(), performance.now()];
    await sleep(1000);
    const used = ours() - ours0 + postgres.stop();
    const otherCores = round(Math.max(0, machineBusyMs() - machine0 - used) / (performance.now() - t0));
    const waitedSeconds = round((performance.now() - started) / 1000, 1);
    if (otherCores < OTHER_WORK_WARNING || waitedSeconds >= maxSeconds) return { waitedSeconds, otherCores };
  }
}

/** Runs one job (one slice) and measures it; only the backends of `database` count as PostgreSQL's CPU. */
export async function measureSlice(
  job: LoadJob,
  worker: LoadWorker,
  server: ServerProcess,
  db: pg.ClientBase | null,
  database: string,
): Promise<Slice> {
  const snapshot = async () => {
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
  let start: ReturnType<typeof snapshot> | undefined;
  let end: ReturnType<typeof snapshot> | undefined;
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
  return {
    load,
    ms: {
      window: b.at - a.at,
      server: b.server - a.server,
      serverSystem: b.serverSystem - a.serverSystem,
      worker: b.worker - a.worker,
      postgres: postgresMs,
      bench: b.bench - a.bench,
      machine: b.machine - a.machine,
    },
    others: busiestOthers(a.processes, b.processes, new Set([server.pid, worker.pid, process.pid].map(String))),
    rss: rssResult,
    bookingsInWindow: diff(a.bookings, b.bookings),
    bookingsTotal: diff(before.bookings, after.bookings),
    xacts: diff(a.xacts, b.xacts),
    listenOverflows: listenOverflows() - overflowsBefore,
  };
}

/** Adds up the slices of a phase; `load` is the last slice's (the recorder is cumulative). */
export function combineSlices(name: string, slices: Slice[]): PhaseResult {
  const total = (f: (s: Slice) => number) => sum(slices.map(f));
  const totalOrNull = (f: (s: Slice) => number | null) =>
    slices.some((s) => f(s) === null) ? null : total((s) => f(s)!);
  const ms = (key: keyof Slice["ms"]) => total((s) => s.ms[key]);
  const load = slices.at(-1)!.load;
  const cores = (x: number) => round(x / ms("window"));
  const perRequest = (x: number) => round(x / Math.max(1, load.requests), 3);
  const others = new Map<number, { pid: number; comm: string; ms: number }>();
  for (const o of slices.flatMap((s) => s.others)) others.set(o.pid, { ...o, ms: (others.get(o.pid)?.ms ?? 0) + o.ms });
  const bookingsInWindow = totalOrNull((s) => s.bookingsInWindow);
  const xacts = totalOrNull((s) => s.xacts);
  const rssSamples = total((s) => s.rss.samples);
  const [server, worker, postgres, bench, machine] = [
    ms("server"),
    ms("worker"),
    ms("postgres"),
    ms("bench"),
    ms("machine"),
  ];
  return {
    name,
    slices: slices.length,
    load,
    cpu: {
      serverCores: cores(server),
      serverSystemShare: round(ms("serverSystem") / Math.max(1, server)),
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
      meanMb: round(total((s) => s.rss.meanMb * s.rss.samples) / Math.max(1, rssSamples), 1),
    },
    dbBookingsInWindow: bookingsInWindow,
    dbBookingsTotal: totalOrNull((s) => s.bookingsTotal),
    bookingsPerSecond: bookingsInWindow === null ? null : round(bookingsInWindow / (ms("window") / 1000), 1),
    listenOverflows: total((s) => s.listenOverflows),
    transactionsPerRequest: xacts === null ? null : round(xacts / Math.max(1, load.requests)),
  };
}

export interface SessionStats {
  rows: number;
  avgStateBytes: number;
  avgResponseBytes: number;
  updates: number;
  hotUpdatePercent: number;
  tableMb: number;
  autovacuums: number;
  /** The other tables a call writes: updates, the share that was HOT, and how often autovacuum ran. */
  otherTables: Record<string, { updates: number; hotUpdatePercent: number; autovacuums: number }>;
}

/** What calls leave in the database: the call_session rows every webhook reads and rewrites, and the other tables a call writes. */
export async function sessionStats(db: pg.ClientBase): Promise<SessionStats> {
  const { rows } = await db.query<SessionStats>(`
    SELECT (SELECT count(*)::int FROM call_session) AS rows,
           (SELECT COALESCE(round(avg(pg_column_size(state))), 0)::int FROM call_session) AS "avgStateBytes",
           (SELECT COALESCE(round(avg(pg_column_size(last_response))), 0)::int FROM call_session) AS "avgResponseBytes",
           COALESCE(n_tup_upd, 0)::int AS updates,
           COALESCE(round(100.0 * n_tup_hot_upd / NULLIF(n_tup_upd, 0), 1), 0)::float AS "hotUpdatePercent",
           round(pg_total_relation_size('call_session') / 1048576.0, 1)::float AS "tableMb",
           (autovacuum_count + autoanalyze_count)::int AS autovacuums
      FROM pg_stat_user_tables WHERE relname = 'call_session'`);
  const others = await db.query<{ relname: string; updates: number; hot: number; autovacuums: number }>(`
    SELECT relname, n_tup_upd::int AS updates, COALESCE(round(100.0 * n_tup_hot_upd / NULLIF(n_tup_upd, 0), 1), 0)::float AS hot,
           (autovacuum_count + autoanalyze_count)::int AS autovacuums
      FROM pg_stat_user_tables WHERE relname IN ('slot', 'hold', 'person', 'booking', 'queued_call') ORDER BY relname`);
  const otherTables = Object.fromEntries(
    others.rows.map((r) => [r.relname, { updates: r.updates, hotUpdatePercent: r.hot, autovacuums: r.autovacuums }]),
  );
  return { ...rows[0]!, otherTables };
}
