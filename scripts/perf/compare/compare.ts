// The same benchmark on a git ref and on this working tree, alternating on this machine:
// `npm run bench:compare -- <bench> <git-ref> [--runs 3] [-- <bench args>]`.
//
// Absolute figures move with the host (the bare route did 1,900 to 10,300 requests/s on the
// same nominal machine in one day), so a change is judged by a ratio measured in one session:
// the ref is checked out as a temporary worktree (worktree.ts), then the runs alternate
// ref, working, ref, working, ... with the same arguments, so slow and fast minutes of a shared
// machine fall on both sides alike. Each run's output goes to bench-results/compare/; each
// run's headline figures (from its JSON line) are printed as it ends, then the medians of both
// sides and the ratio working/ref. The last line is the JSON, also in
// bench-results/compare-<bench>.json. Exit code 1 when a run failed or printed no JSON.
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { interrupted, log, onCleanup, runCommand } from "../harness/command.ts";
import { readOptions } from "../harness/options.ts";
import { REPO_ROOT, RESULTS_DIR } from "../harness/results.ts";
import { median, round } from "../harness/stats.ts";
import { checkOut } from "./worktree.ts";

/** The figures a change is judged by, per bench (dotted paths into its JSON line). */
const HEADLINES: Record<string, string[]> = {
  ledger: ["pairsPerSecond", "p99Ms", "ratio"],
  ivr: ["requestsPerSecond", "p99Ms", "openLoop.p99Ms", "ratio", "cpuRatio"],
  callbacks: ["claimsPerSecond", "claimP99Ms", "registrationsPerSecond"],
  launch: ["requestsPerSecond", "p99Ms", "launchDaysPerHour"],
};
const USAGE = `usage: npm run bench:compare -- <${Object.keys(HEADLINES).join("|")}> <git-ref> [--runs N] [-- <bench args>]`;

const split = process.argv.indexOf("--", 2);
const own = split < 0 ? process.argv.slice(2) : process.argv.slice(2, split);
const benchArgs = split < 0 ? [] : process.argv.slice(split + 1);
const { runs, positionals } = readOptions({ runs: { default: 3, min: 1, max: 50, integer: true } }, own, true);
const [bench, ref] = positionals;
if (!bench || !ref || !HEADLINES[bench] || positionals.length > 2) throw new Error(USAGE);
const fields = HEADLINES[bench];

type Side = "ref" | "working";
interface Run {
  exitCode: number | null;
  figures: Record<string, number | null>;
}

const valueAt = (json: Record<string, unknown>, path: string) => {
  const value = path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], json);
  return typeof value === "number" ? value : null;
};

/** One run of `npm run bench:<bench>` in `dir`; its output goes to a log file, its JSON line is read. */
function runBench(dir: string, logFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", `bench:${bench}`, "--", ...benchArgs], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // On Ctrl-C the bench gets the signal too and drops its database; this waits for that, then the worktree goes.
    const stopped = new Promise<void>((done) => child.once("close", () => done()));
    const stop = () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 60_000).unref();
      return stopped;
    };
    onCleanup(stop);
    const out = createWriteStream(logFile);
    let lastLine = "";
    child.stderr.pipe(out, { end: false });
    child.stdout.on("data", (chunk: Buffer) => {
      out.write(chunk);
      const lines = chunk
        .toString("utf8")
        .split("\n")
        .filter((l) => l.trim());
      if (lines.length) lastLine = lines.at(-1)!;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      out.end();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(lastLine) as Record<string, unknown>;
      } catch {
        // no JSON line: every figure stays null and the run counts as failed
      }
      const figures = Object.fromEntries(fields.map((f) => [f, valueAt(json, f)]));
      resolve({ exitCode: lastLine.startsWith("{") ? code : null, figures });
    });
  });
}

runCommand("bench:compare", async () => {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: REPO_ROOT, encoding: "utf8" }).trim() !== "";
  log(
    `bench:${bench} on ${ref} and on the working tree (${head.slice(0, 10)}${dirty ? " + uncommitted changes" : ""}), ${runs} runs each, alternating`,
  );
  const checkout = checkOut(ref);
  log(`${ref} is ${checkout.commit.slice(0, 10)}, checked out in ${checkout.dir}`);
  const logs = join(RESULTS_DIR, "compare");
  mkdirSync(logs, { recursive: true });
  const results: Record<Side, Run[]> = { ref: [], working: [] };
  for (let i = 1; i <= runs; i++) {
    for (const side of ["ref", "working"] as const) {
      if (interrupted()) throw new Error("interrupted"); // Ctrl-C: no new runs while cleaning up
      const logFile = join(logs, `${bench}-${side}-${i}.log`);
      log(`run ${i}/${runs} ${side.padEnd(7)} ... (output: ${logFile})`);
      const run = await runBench(side === "ref" ? checkout.dir : REPO_ROOT, logFile);
      results[side].push(run);
      const figures = fields.map((f) => `${f} ${run.figures[f] ?? "-"}`).join(", ");
      log(
        `run ${i}/${runs} ${side.padEnd(7)} ${run.exitCode === null ? "printed no JSON line" : `exit ${run.exitCode}`}: ${figures}`,
      );
    }
  }
  const summary = fields.map((field) => {
    const values = (side: Side) => results[side].map((r) => r.figures[field] ?? null);
    const mid = (side: Side) => {
      const known = values(side).filter((v): v is number => v !== null);
      return known.length ? round(median(known), 3) : null;
    };
    const [refMedian, workingMedian] = [mid("ref"), mid("working")];
    const ratio = refMedian && workingMedian !== null ? round(workingMedian / refMedian, 3) : null;
    return { field, ref: values("ref"), working: values("working"), refMedian, workingMedian, ratio };
  });
  for (const s of summary)
    log(
      `${s.field}: median ${ref} ${s.refMedian ?? "-"}, working ${s.workingMedian ?? "-"}, working/ref ${s.ratio ?? "-"}`,
    );
  const exitCodes = { ref: results.ref.map((r) => r.exitCode), working: results.working.map((r) => r.exitCode) };
  const failed = [...exitCodes.ref, ...exitCodes.working].some((c) => c !== 0);
  if (failed) log("note: a run failed or printed no JSON line; its log is in bench-results/compare/");
  const line = {
    benchmark: "compare",
    date: new Date().toISOString(),
    bench,
    ref,
    refCommit: checkout.commit,
    workingCommit: head,
    workingTreeDirty: dirty,
    runs,
    benchArgs,
    figures: Object.fromEntries(summary.map(({ field, ...s }) => [field, s])),
    exitCodes,
  };
  return { file: `compare-${bench}.json`, line, exitCode: failed ? 1 : 0 };
});
