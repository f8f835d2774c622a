// Starts a server as a child process (`node --import tsx <script>`), waits until GET /healthz
// answers 200, keeps its log lines countable, and stops it with SIGTERM (SIGKILL after 15 s).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** Pino lines at warn (40) or above, by message, and a few samples of them. */
  logCounts(): Map<string, number>;
  logSamples: string[];
  /** Output that was not a pino line (stack traces, startup failures). */
  otherOutput: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Script path relative to the repository root. */
  script: string;
  env: Record<string, string>;
  /** Extra node flags before `--import tsx` (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Extra --import modules after tsx (repository-relative paths). */
  preload?: string[];
  startupTimeoutMs?: number;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

/** The gist of an error message: Prisma's "Message: `…`", else its last non-empty line, short. */
function causeOf(message: string | undefined): string {
  if (!message) return "";
  const prisma = /Message: `([^`]*)`/.exec(message)?.[1];
  const line =
    prisma ??
    message
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ??
    "";
  return line.replace(/\d+/g, "N").slice(0, 90);
}

/** For signal handlers: SIGKILL every child still running (only ours, by pid). */
export function killAllChildren(): void {
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGKILL");
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const args = [
    ...(options.nodeArgs ?? []),
    "--import",
    "tsx",
    ...(options.preload ?? []).flatMap((p) => ["--import", `./${p}`]),
    options.script,
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const counts = new Map<string, number>();
  const logSamples: string[] = [];
  const otherOutput: string[] = [];
  const onLine = (line: string) => {
    if (!line.trim()) return;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 40) return;
      const cause = causeOf(entry.err?.message);
      const key = `${entry.level === 40 ? "warn" : entry.level === 50 ? "error" : "fatal"}: ${entry.msg ?? "?"}${cause ? ` (${cause})` : ""}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (logSamples.length < 5) logSamples.push(`${key} ${entry.err?.message ?? ""}`.trim().slice(0, 300));
    } catch {
      if (otherOutput.length < 40) otherOutput.push(line.slice(0, 500));
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    name: options.name,
    pid: child.pid!,
    url,
    logCounts: () => counts,
    logSamples,
    otherOutput,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  await waitHealthy(server, options.startupTimeoutMs ?? 120_000);
  return server;
}

async function waitHealthy(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${server.name} exited with code ${exitCode} before it was healthy:\n${server.otherOutput.join("\n")}\n${server.logSamples.join("\n")}`,
      );
    }
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`${server.name} did not answer GET /healthz with 200 within ${timeoutMs / 1000} s`);
}
