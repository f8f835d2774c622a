// What the kernel knows about a process: resident memory and CPU time (Linux /proc), and the
// CPU time of every PostgreSQL backend, so a run can say where the machine's cores went.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

/** VmRSS of a process in MB, or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function statFields(pid: number | string): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may contain spaces and parentheses: the fields start after the last ')'.
    const close = text.lastIndexOf(")");
    return [text.slice(text.indexOf("(") + 1, close), ...text.slice(close + 2).split(" ")];
  } catch {
    return null;
  }
}

/** User and system (kernel) CPU time of a process in ms (10 ms resolution); zeros when it is gone. */
export function processCpuTimes(pid: number): { userMs: number; systemMs: number } {
  const f = statFields(pid);
  // f[0] is comm (field 2 of /proc/pid/stat); utime is field 14, stime field 15.
  return f ? { userMs: Number(f[12]) * TICK_MS, systemMs: Number(f[13]) * TICK_MS } : { userMs: 0, systemMs: 0 };
}

/** user + system CPU time of a process in ms. */
export function processCpuMs(pid: number): number {
  const t = processCpuTimes(pid);
  return t.userMs + t.systemMs;
}

/** Process title of a PostgreSQL backend: "postgres: 15/main: user database host(port) state". */
function titleOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function postgresProcesses(database: string | undefined): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (!f || f[0] !== "postgres") continue;
    if (database !== undefined && !titleOf(entry).includes(` ${database} `)) continue;
    cpu.set(entry, (Number(f[12]) + Number(f[13])) * TICK_MS);
  }
  return cpu;
}

/**
 * CPU time PostgreSQL backends of one database (all "postgres" processes without one) used
 * since construction: other databases on the same server (someone's pgbench) do not count.
 * Backends that exit take their CPU time with them, so it samples every 200 ms and keeps the
 * last value seen.
 */
export class PostgresCpu {
  private readonly base: Map<string, number>;
  private readonly last: Map<string, number>;
  private readonly timer = setInterval(() => this.sample(), 200);

  constructor(private readonly database?: string) {
    this.base = postgresProcesses(database);
    this.last = new Map(this.base);
  }

  private sample(): void {
    for (const [pid, ms] of postgresProcesses(this.database)) this.last.set(pid, ms);
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

/** CPU ms of every process now, by pid, with its name: for "who else used the machine". */
export function allProcessesCpu(): Map<string, { comm: string; ms: number }> {
  const all = new Map<string, { comm: string; ms: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (f) all.set(entry, { comm: f[0]!, ms: (Number(f[12]) + Number(f[13])) * TICK_MS });
  }
  return all;
}

/** The processes that used the most CPU between two allProcessesCpu() snapshots, skipping `exclude`. */
export function busiestOthers(
  before: Map<string, { comm: string; ms: number }>,
  after: Map<string, { comm: string; ms: number }>,
  exclude: (pid: string, comm: string) => boolean,
  top = 3,
): { pid: number; comm: string; ms: number }[] {
  return [...after]
    .filter(([pid, p]) => !exclude(pid, p.comm))
    .map(([pid, p]) => ({ pid: Number(pid), comm: p.comm, ms: p.ms - (before.get(pid)?.ms ?? 0) }))
    .filter((p) => p.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** Machine-wide count of connections dropped because a listen (accept) queue was full. */
export function listenOverflows(): number {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8")
      .split("\n")
      .filter((l) => l.startsWith("TcpExt:"));
    const keys = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[keys.indexOf("ListenOverflows")] ?? 0);
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped: peak and mean in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): { peakMb: number; meanMb: number; samples: number } } {
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
      const peakMb = Math.max(...samples);
      const meanMb = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
      return { peakMb, meanMb, samples: samples.length };
    },
  };
}
