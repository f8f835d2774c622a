// The real hotline as a child process (`node --import tsx ivr/src/main.ts`) on a free port of
// 127.0.0.1, with every output line kept (memory and a file) for the log scan. The database is
// a fresh one on DATABASE_URL's server (dropped afterwards) or PGlite in a temp folder (deleted).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchDatabaseName, createDatabase, databaseUrlFor, dropDatabase } from "../../bench/support/bench-db.ts";
import { freePort, REPO_ROOT } from "../../bench/support/server-process.ts";
import { AUTH_TOKEN } from "./signing.ts";

/** Settings a developer's shell may carry that would change what we test. */
const CLEARED = [
  "PUBLIC_BASE_URL",
  "REDIS_URL",
  "METRICS_TOKEN",
  "JOURNAL_DIR",
  "DATA_DIR",
  "DATABASE_URL",
  "TELEPHONY",
  "AUTO_SEED",
  "PORT",
  "HOST",
  "NODE_OPTIONS",
];
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

export class HotlineUnderTest {
  readonly lines: string[] = [];
  private keptBytes = 0;
  droppedLines = 0;
  private child: ChildProcess | null = null;
  private logFile: WriteStream | null = null;
  private exit: Promise<number | null> = Promise.resolve(null);
  private readonly tempDir = mkdtempSync(join(tmpdir(), `fault-hostile-${process.pid}-`));
  private dbName: string | null = null;
  port = 0;
  exitCode: number | null | undefined = undefined;

  constructor(
    private readonly serverUrl: string | undefined,
    private readonly logPath: string,
  ) {}

  get database(): string {
    return this.dbName ? `PostgreSQL database ${this.dbName}` : `PGlite in ${this.tempDir}`;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs: number): Promise<void> {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of CLEARED) delete env[key];
    if (this.serverUrl) {
      const name = benchDatabaseName("fault_hostile");
      await createDatabase(this.serverUrl, name);
      this.dbName = name;
      env.DATABASE_URL = databaseUrlFor(this.serverUrl, name);
    }
    this.port = await freePort();
    Object.assign(env, {
      PORT: String(this.port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      HOTLINE_OPENS: "00:00",
      HOTLINE_CLOSES: "23:59",
      CALLBACK_WORKER: "off",
      SEED_WEEKS: "1",
      TELEPHONY: "emulator",
      DATA_DIR: join(this.tempDir, "data"),
      JOURNAL_DIR: join(this.tempDir, "journal"),
    });
    this.logFile = createWriteStream(this.logPath);
    const child = spawn(process.execPath, ["--import", "tsx", "ivr/src/main.ts"], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve((this.exitCode = code ?? (signal ? -1 : null)))),
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        this.logFile?.write(chunk);
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const line of parts) this.keep(line);
      });
      stream.on("end", () => rest && this.keep(rest));
    }
    await this.waitHealthy(timeoutMs);
  }

  private keep(line: string): void {
    if (!line.trim()) return;
    if (this.keptBytes > MAX_KEPT_BYTES) {
      this.droppedLines++;
      return;
    }
    this.keptBytes += line.length;
    this.lines.push(line);
  }

  async healthz(): Promise<number> {
    try {
      const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive)
        throw new Error(
          `the hotline exited with code ${this.exitCode} before it was healthy:\n${this.lines.slice(-20).join("\n")}`,
        );
      if ((await this.healthz()) === 200) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the hotline did not answer GET /healthz with 200 within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM, SIGKILL after 12 s. Only our own child, by pid. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && this.alive) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
      await this.exit;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()));
  }

  /** For signal handlers: no waiting. */
  killNow(): void {
    if (this.child && this.alive) this.child.kill("SIGKILL");
  }

  /** Drops the database or deletes the PGlite folder (and the journal). */
  async cleanUp(): Promise<string[]> {
    const done: string[] = [];
    if (this.dbName && this.serverUrl) {
      await dropDatabase(this.serverUrl, this.dbName);
      done.push(`dropped database ${this.dbName}`);
      this.dbName = null;
    }
    rmSync(this.tempDir, { recursive: true, force: true });
    done.push(`deleted ${this.tempDir}`);
    return done;
  }
}
