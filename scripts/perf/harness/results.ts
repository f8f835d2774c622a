// The repository, where every perf command leaves its result (bench-results/, git-ignored),
// and the machine it ran on, said the same way by every command so runs can be compared.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { round } from "./stats.ts";

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
