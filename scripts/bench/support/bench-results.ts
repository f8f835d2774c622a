// Where benchmarks and fault scripts leave their JSON (git-ignored), written one way.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./server-process.ts";

export const RESULTS_DIR = join(REPO_ROOT, "bench-results");

/** Writes `value` as pretty JSON to bench-results/<file> and returns the path. */
export function saveResult(file: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}
