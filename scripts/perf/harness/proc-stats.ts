// What the Linux kernel knows about processes (/proc): resident memory, CPU time of one process,
// of every PostgreSQL backend of a database and of the whole machine, so a run can say where the
// machine's cores went and whether other work disturbed it.
import os from "node:os";
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

/** Busy CPU time of the whole machine (all cores), ms. */
export const machineBusyMs = () =>
  os.cpus().reduce((ms, c) => ms + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
};

/** VmRSS of a process in MB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(read(`/proc/${pid}/status`) ?? "");
  return m ? Number(m[1]) / 1024 : null;
}

/** comm, user and system CPU ms of a process (10 ms resolution); null when it is gone. */
function stat(pid: number | string): { comm: string; userMs: number; systemMs: number } | null {
  const text = read(`/proc/${pid}/stat`);
  if (!text) return null;
  // comm may contain spaces and parentheses: the other fields start after the last ')'.
  const close = text.lastIndexOf(")");
  const f = text.slice(close + 2).split(" "); // f[11] is utime (field 14), f[12] stime (field 15)
  return {
    comm: text.slice(text.indexOf("(") + 1, close),
    userMs: Number(f[11]) * TICK_MS,
    systemMs: Number(f[12]) * TICK_MS,
  };
}

export function processCpuTimes(pid: number): { userMs: number; systemMs: number } {
  return stat(pid) ?? { userMs: 0, systemMs: 0 };
}

export const processCpuMs = (pid: number) => {
  const t = processCpuTimes(pid);
  return t.userMs + t.systemMs;
};

/** CPU ms of every process now, by pid, with its name: for "who else used the machine". */
export function allProcessesCpu(): Map<string, { comm: string; ms: number }> {
  const all = new Map<string, { comm: string; ms: number }>();
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const s = stat(pid);
    if (s) all.set(pid, { comm: s.comm, ms: s.userMs + s.systemMs });
  }
  return all;
}

/** The processes that used the most CPU between two allProcessesCpu() snapshots, skipping `ours`. */
export function busiestOthers(
  before: Map<string, { ms: number }>,
  after: Map<string, { comm: string; ms: number }>,
  ours: Set<string>,
  top = 3,
): { pid: number; comm: string; ms: number }[] {
  return [...after]
    .filter(([pid]) => !ours.has(pid))
    .map(([pid, p]) => ({ pid: Number(pid), comm: p.comm, ms: p.ms - (before.get(pid)?.ms ?? 0) }))
    .filter((p) => p.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** CPU ms of the PostgreSQL backends of one database (its name is in their process title). */
function postgresBackends(database: string): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const [pid, p] of allProcessesCpu()) {
    if (p.comm === "postgres" && read(`/proc/${pid}/cmdline`)?.replace(/\0/g, " ").includes(` ${database} `))
      cpu.set(pid, p.ms);
  }
  return cpu;
}

/**
 * CPU time the PostgreSQL backends of one database used since construction: other databases
 * on the same server (someone's test run) do not count. Backends that exit take their CPU time
 * with them, so it samples every 200 ms and keeps the last value seen.
 */
export class PostgresCpu {
  private readonly base: Map<string, number>;
  private readonly last: Map<string, number>;
  private readonly timer = setInterval(() => this.sample(), 200);

  constructor(private readonly database: string) {
    this.base = postgresBackends(database);
    this.last = new Map(this.base);
  }

  private sample(): void {
    for (const [pid, ms] of postgresBackends(this.database)) this.last.set(pid, ms);
  }

  /** ms used since construction; stops sampling. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    let ms = 0;
    for (const [pid, now] of this.last) ms += now - (this.base.get(pid) ?? 0);
    return ms;
  }
}

/** Machine-wide count of connections dropped because a listen (accept) queue was full. */
export function listenOverflows(): number {
  const lines = (read("/proc/net/netstat") ?? "").split("\n").filter((l) => l.startsWith("TcpExt:"));
  const keys = lines[0]?.split(/\s+/) ?? [];
  return Number(lines[1]?.split(/\s+/)[keys.indexOf("ListenOverflows")] ?? 0);
}

/** Samples a process's RSS every `everyMs` until stopped: peak and mean in MB. */
export function sampleRss(pid: number, everyMs = 200) {
  const samples: number[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push(mb);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const meanMb = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
      return { peakMb: Math.max(...samples), meanMb, samples: samples.length };
    },
  };
}
