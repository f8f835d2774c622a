// The real hotline for bench:launch and the mid-run fault scripts: a fresh PostgreSQL database
// next to DATABASE_URL, `node --import tsx ivr/src/main.ts --workers N` through the benchmark's
// startServer (health wait, log counts, SIGTERM/SIGKILL stop), a temp journal folder, and one
// idempotent cleanUp() (server stopped, database dropped, folder removed) for exit and signals.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchDatabaseName, createDatabase, databaseUrlFor, DEFAULT_DATABASE_URL, dropDatabase } from "./bench-db.ts";
import { startServer, type ServerProcess } from "./server-process.ts";

export const LAUNCH_AUTH_TOKEN = "launch-auth-token-0123456789abcdef";

export interface LaunchHotline {
  server: ServerProcess;
  dbName: string;
  databaseUrl: string;
  serverUrl: string;
  /** Pids of the cluster's worker processes (children of the primary), now. */
  workerPids(): number[];
  cleanUp(): Promise<string[]>;
}

/** Children of `pid` running ivr/src/main.ts (not tsx's esbuild service), from ps; nothing is signalled. */
export function childPids(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.includes("ivr/src/main.ts"))
      .map((l) => Number(l.trim().split(/\s+/)[0]))
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}

let current: { cleanUp(): Promise<string[]> } | null = null;

export async function startLaunchHotline(options: {
  prefix: string;
  workers: number;
  env: Record<string, string>;
  log: (line: string) => void;
}): Promise<LaunchHotline> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const dbName = benchDatabaseName(options.prefix);
  const databaseUrl = databaseUrlFor(serverUrl, dbName);
  const journalDir = mkdtempSync(join(tmpdir(), `${options.prefix}-${process.pid}-`));
  let server: ServerProcess | null = null;
  let created = false;
  let cleaning: Promise<string[]> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      const done: string[] = [];
      await server?.stop().catch(() => undefined);
      if (created) {
        await dropDatabase(serverUrl, dbName).then(
          () => done.push(`dropped database ${dbName}`),
          (e: unknown) => done.push(`could not drop ${dbName}: ${String(e)}`),
        );
      }
      rmSync(journalDir, { recursive: true, force: true });
      return done;
    })());
  current = { cleanUp };
  await createDatabase(serverUrl, dbName);
  created = true;
  options.log(`database ${dbName}; starting the hotline with --workers ${options.workers} (migrates and seeds) ...`);
  server = await startServer({
    name: "hotline",
    script: "ivr/src/main.ts",
    preload: ["scripts/bench/support/launch-workers-flag.ts"],
    env: {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      HOTLINE_OPENS: "00:00",
      HOTLINE_CLOSES: "23:59",
      CALLBACK_WORKER: "off",
      TWILIO_AUTH_TOKEN: LAUNCH_AUTH_TOKEN,
      TELEPHONY: "emulator",
      JOURNAL_DIR: journalDir,
      DATA_DIR: journalDir,
      PUBLIC_BASE_URL: "",
      REDIS_URL: "",
      LAUNCH_WORKERS: String(options.workers),
      ...options.env,
    },
  });
  const hotline: LaunchHotline = {
    server,
    dbName,
    databaseUrl,
    serverUrl,
    workerPids: () => childPids(server!.pid),
    cleanUp,
  };
  // The primary answers /healthz only through a worker; wait until all workers are up.
  const deadline = Date.now() + 60_000;
  while (options.workers > 1 && hotline.workerPids().length < options.workers && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  return hotline;
}

/** SIGINT/SIGTERM: stop the hotline (SIGTERM to the primary stops its workers), clean up, exit 130. `extra` runs first (e.g. restart PostgreSQL). */
export function cleanUpOnSignals(log: (line: string) => void, extra?: () => Promise<void> | void): void {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping, cleaning up\n`);
      void (async () => {
        await Promise.resolve(extra?.()).catch(() => undefined);
        for (const line of (await current?.cleanUp().catch(() => [])) ?? []) log(line);
        process.exit(130);
      })();
    });
  }
}
