// The one server launcher: a script of this repository as a child process
// (`node --import tsx <script> <args>`) on a free port of 127.0.0.1, healthy once GET /healthz
// answers 200, its pino lines at warn or above counted by message, stopped with SIGTERM
// (SIGKILL after 15 s) by the command's clean-up. Only our own child is signalled, by pid.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { onCleanup, REPO_ROOT, scratchDir, sleep } from "./command.ts";

/** Settings a developer's shell or .env may carry that would change what is measured ("" = unset). */
const NEUTRAL_ENV = ["PUBLIC_BASE_URL", "REDIS_URL", "METRICS_TOKEN", "AUTO_SEED", "NODE_OPTIONS"];
/** Every output line is kept for a log scan up to this size; later lines only go to the log file. */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  name: string;
  /** Repository-relative path of the script. */
  script: string;
  args?: string[];
  env: Record<string, string>;
  /** Keep every output line (`lines`), e.g. to scan the logs for personal data. */
  keepLines?: boolean;
}

export interface ServerProcess {
  name: string;
  pid: number;
  port: number;
  url: string;
  lines: string[];
  /** Pino lines at warn (40) or above, by "level: msg (cause)". */
  logCounts: Map<string, number>;
  logSamples: string[];
  /** Output that was not a pino line (stack traces, start-up failures). */
  otherOutput: string[];
  exited: Promise<number | null>;
  alive(): boolean;
  /** Pids of the script's own child processes (cluster workers), from ps; nothing is signalled. */
  workerPids(): number[];
  healthz(): Promise<number>;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The gist of an error message: Prisma's "Message: `…`", else its last non-empty line, short. */
function causeOf(message: string | undefined): string {
  const lines = (message ?? "").split("\n").map((l) => l.trim());
  const line = /Message: `([^`]*)`/.exec(message ?? "")?.[1] ?? lines.filter(Boolean).at(-1) ?? "";
  return line.replace(/\d+/g, "N").slice(0, 90);
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env = { ...process.env, ...Object.fromEntries(NEUTRAL_ENV.map((k) => [k, ""])), ...options.env };
  const child = spawn(process.execPath, ["--import", "tsx", options.script, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let keptBytes = 0;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  const server: ServerProcess = {
    name: options.name,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    lines: [],
    logCounts: new Map(),
    logSamples: [],
    otherOutput: [],
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    workerPids: () => childPids(child.pid!, options.script),
    healthz: async () => {
      try {
        const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        return res.status;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (server.alive()) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  onCleanup(() => server.stop());
  const onLine = (line: string) => {
    if (!line.trim()) return;
    if (options.keepLines && keptBytes < MAX_KEPT_BYTES) {
      keptBytes += line.length;
      server.lines.push(line);
    }
    let entry: { level?: number; msg?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      if (server.otherOutput.length < 40) server.otherOutput.push(line.slice(0, 500));
      return;
    }
    if ((entry.level ?? 0) < 40) return;
    const cause = causeOf(entry.err?.message);
    const level = entry.level === 40 ? "warn" : entry.level === 50 ? "error" : "fatal";
    const key = `${level}: ${entry.msg ?? "?"}${cause ? ` (${cause})` : ""}`;
    server.logCounts.set(key, (server.logCounts.get(key) ?? 0) + 1);
    if (server.logSamples.length < 5) server.logSamples.push(`${key} ${entry.err?.message ?? ""}`.trim().slice(0, 300));
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      lines.forEach(onLine);
    });
    stream.on("end", () => onLine(rest));
  }
  const deadline = Date.now() + 120_000;
  while ((await server.healthz()) !== 200) {
    if (!server.alive()) {
      const output = [...server.otherOutput, ...server.logSamples].slice(-20).join("\n");
      throw new Error(`${server.name} exited with code ${await exited} before it was healthy:\n${output}`);
    }
    if (Date.now() > deadline) throw new Error(`${server.name} did not answer GET /healthz with 200 in time`);
    await sleep(250);
  }
  return server;
}

/** Children of `pid` running `script` (not tsx's esbuild service), from ps. */
function childPids(pid: number, script: string): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.includes(script))
      .map((l) => Number(l.trim().split(/\s+/)[0]))
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}

/** The Twilio auth token the hotline checks signatures with; the load generators sign with it. */
export const AUTH_TOKEN = "perf-hotline-auth-token-0123456789";

/**
 * The real hotline as every bench and fault script runs it: `ivr/src/main.ts` (--workers N: a
 * cluster), always open, the emulated telephony, a temp folder for its journal and embedded data,
 * on the run's throw-away database (none: PGlite in the temp folder).
 */
export interface HotlineOptions {
  databaseUrl: string | null;
  workers?: number;
  env?: Record<string, string>;
  keepLines?: boolean;
}

export async function startHotline(options: HotlineOptions): Promise<ServerProcess> {
  const dir = scratchDir("perf-hotline");
  const workers = options.workers ?? 1;
  const server = await startServer({
    name: "hotline",
    script: "ivr/src/main.ts",
    args: workers > 1 ? ["--workers", String(workers)] : [],
    keepLines: options.keepLines,
    env: {
      DATABASE_URL: options.databaseUrl ?? "",
      LOG_LEVEL: "warn",
      HOTLINE_OPENS: "00:00",
      HOTLINE_CLOSES: "23:59",
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TELEPHONY: "emulator",
      JOURNAL_DIR: join(dir, "journal"),
      DATA_DIR: join(dir, "data"),
      ...options.env,
    },
  });
  // The primary answers /healthz through the first worker that is up; wait for all of them.
  const deadline = Date.now() + 60_000;
  while (workers > 1 && server.workerPids().length < workers && Date.now() < deadline) await sleep(200);
  return server;
}
