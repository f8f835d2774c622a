// The life of every perf command, in one place: main() runs, clean-up work registered on the
// way (servers, databases, temp folders) runs last-in first-out exactly once, on success,
// failure, SIGINT and SIGTERM, and only then is the result written, so that the JSON line is
// always the last line of output. Results go to bench-results/ (git-ignored) with the machine they ran on.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { round } from "./stats.ts";

export const log = (line = "") => process.stdout.write(`${line}\n`);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const errorText = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

type Cleanup = () => unknown;
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;
let stopping = false;

/** Work to undo when the command ends however it ends; runs after everything registered later. */
export function onCleanup(work: Cleanup): void {
  cleanups.push(work);
}

/** True once SIGINT or SIGTERM arrived: loops stop issuing work. */
export const interrupted = () => stopping;

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const work of cleanups.reverse()) {
      await Promise.resolve()
        .then(work)
        .catch((error: unknown) => process.stderr.write(`clean-up failed: ${String(error)}\n`));
    }
  })();
  return cleaning;
}

/** What a command ends with: the JSON line (and its file in bench-results/, with more detail). */
export interface Outcome {
  file: string;
  line: Record<string, unknown>;
  /** Written to the file next to the line's fields, not printed. */
  detail?: Record<string, unknown>;
  exitCode: number;
}

export interface CommandOptions {
  /** Kills a hanging run: start-up, load and drain have their own limits, this is the last one. */
  hardLimitSeconds?: number;
  /** The JSON line printed when the command fails before it has a result. */
  failureLine?: (error: unknown) => Record<string, unknown>;
}

export function runCommand(name: string, main: () => Promise<Outcome>, options: CommandOptions = {}): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // `on`, not `once`: tsx relays the signal a second time, and with no listener node exits at once.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping ${name}, cleaning up\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  if (options.hardLimitSeconds) {
    setTimeout(() => {
      process.stderr.write(`${name}: hard time limit of ${options.hardLimitSeconds} s reached\n`);
      void cleanUp().finally(() => process.exit(1));
    }, options.hardLimitSeconds * 1000).unref();
  }
  main().then(
    async (outcome) => {
      await cleanUp();
      saveResult(outcome.file, { ...outcome.line, ...outcome.detail });
      log(JSON.stringify(outcome.line));
      process.exit(outcome.exitCode);
    },
    async (error: unknown) => {
      if (stopping) return; // the signal handler cleans up and exits
      process.stderr.write(`${name} failed: ${errorText(error)}\n`);
      await cleanUp();
      if (options.failureLine) log(JSON.stringify(options.failureLine(error)));
      process.exit(1);
    },
  );
}

/** Whether a process id is still in use (EPERM: it is, by another user). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Leftovers of runs killed outright (SIGKILL: no clean-up ran) are removed after this long. */
export const LEFTOVER_AGE_MS = 15 * 60_000;

/** A temp folder removed at the end; folders of dead earlier runs with this prefix go too. */
export function scratchDir(prefix: string): string {
  for (const entry of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${prefix}-(\\d+)-`).exec(entry)?.[1];
    const path = join(tmpdir(), entry);
    if (!pid || running(Number(pid)) || Date.now() - statSync(path).mtimeMs < LEFTOVER_AGE_MS) continue;
    rmSync(path, { recursive: true, force: true });
    log(`removed ${path}, left by an earlier run`);
  }
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${process.pid}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const RESULTS_DIR = join(REPO_ROOT, "bench-results");

/** Writes `value` as pretty JSON to bench-results/<file> and returns the path. */
export function saveResult(file: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Other work on this shared machine skews every number: said before the run starts. */
export function noteLoad(): number {
  const load = os.loadavg()[0]!;
  if (load > 0.5)
    process.stdout.write(
      `note: load average ${load.toFixed(2)} before the run; other work on this machine skews the numbers\n`,
    );
  return load;
}
