// `npm run bench:compare -- <bench> <git-ref> [--runs 3] [-- <bench args>]`: the bench on a ref
// (a temporary worktree) and on this working tree, alternating, so that a shared machine's slow
// and fast minutes fall on both sides alike; absolute figures move with the host, the ratio less.
// Each run's output goes to bench-results/compare/; exit 1 when one failed or printed no JSON line.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdirSync, openSync, readFileSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { interrupted, log, onCleanup, REPO_ROOT, RESULTS_DIR, runCommand, scratchDir } from "../harness/command.ts";
import { readOptions } from "../harness/options.ts";
import { median, round } from "../harness/stats.ts";

const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();

/** A git ref as a temporary worktree (removed at the end, also on Ctrl-C) with this checkout's node_modules linked in. */
function checkOut(ref: string): { dir: string; commit: string } {
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  if (git("diff", commit, "--", "package-lock.json")) throw new Error(`package-lock.json differs at ${ref}`);
  const dir = join(scratchDir("perf-compare"), "tree");
  git("worktree", "add", "--detach", dir, commit);
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  onCleanup(() => {
    unlinkSync(join(dir, "node_modules")); // the link first: the removal must not reach the modules
    git("worktree", "remove", "--force", dir);
  });
  execFileSync("node", ["scripts/generate-prisma.mjs"], { cwd: dir, stdio: "inherit" });
  return { dir, commit };
}

/** The figures a change is judged by, per bench (dotted paths into its JSON line). */
const HEADLINES: Record<string, string[]> = {
  ledger: ["pairsPerSecond", "p99Ms", "ratio"],
  ivr: ["requestsPerSecond", "p99Ms", "openLoop.p99Ms", "ratio"],
  callbacks: ["claimsPerSecond", "claimP99Ms", "registrationsPerSecond"],
  launch: ["requestsPerSecond", "p99Ms", "launchDaysPerHour"],
};

const split = process.argv.indexOf("--", 2);
const own = split < 0 ? process.argv.slice(2) : process.argv.slice(2, split);
const benchArgs = split < 0 ? [] : process.argv.slice(split + 1);
const { runs, positionals } = readOptions({ runs: { default: 3, min: 1, max: 50, integer: true } }, own, true);
const [bench, ref] = positionals;
if (!bench || !ref || !HEADLINES[bench] || positionals.length > 2)
  throw new Error(`usage: bench:compare <${Object.keys(HEADLINES).join("|")}> <ref> [--runs N] [-- <bench args>]`);
const fields = HEADLINES[bench];
type Run = Awaited<ReturnType<typeof runBench>>;

/** One run of the bench in `dir`, its output in `logFile`: its exit code (null: no JSON line) and figures. */
async function runBench(dir: string, logFile: string) {
  const fd = openSync(logFile, "w");
  const args = ["run", "--silent", `bench:${bench}`, "--", ...benchArgs];
  const child = spawn("npm", args, { cwd: dir, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const closed = once(child, "close") as Promise<[number | null]>;
  // On Ctrl-C the bench gets the signal too and drops its database; the worktree goes after that.
  onCleanup(() => {
    child.kill("SIGTERM"); // a no-op once it has ended
    return closed.catch(() => undefined);
  });
  const [status] = await closed;
  // The JSON line is the bench's last line on stdout; stderr, in the same file, may follow it.
  const lines = readFileSync(logFile, "utf8").split("\n");
  const last = lines.findLast((l) => l.startsWith("{"));
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(last ?? "") as Record<string, unknown>;
  } catch {
    // no JSON line: the run counts as failed
  }
  const valueAt = (path: string) =>
    path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], json);
  const figures = fields.map((f) => valueAt(f)).map((v) => (typeof v === "number" ? v : null));
  return { exitCode: json ? status : null, figures };
}

runCommand("bench:compare", async () => {
  const head = git("rev-parse", "HEAD");
  log(`bench:${bench} on ${ref} and on the working tree (${head.slice(0, 10)}), ${runs} runs each`);
  const checkout = checkOut(ref);
  const logs = join(RESULTS_DIR, "compare");
  mkdirSync(logs, { recursive: true });
  const results = { ref: [] as Run[], working: [] as Run[] };
  for (let i = 1; i <= runs; i++) {
    for (const side of ["ref", "working"] as const) {
      if (interrupted()) throw new Error("interrupted"); // Ctrl-C: no new runs while cleaning up
      const run = await runBench(side === "ref" ? checkout.dir : REPO_ROOT, join(logs, `${bench}-${side}-${i}.log`));
      results[side].push(run);
      const figures = fields.map((f, k) => `${f} ${run.figures[k] ?? "-"}`).join(", ");
      log(`run ${i}/${runs} ${side.padEnd(7)} exit ${run.exitCode ?? "- (no JSON line)"}: ${figures}`);
    }
  }
  const figures = fields.map((field, k) => {
    const values = (side: keyof typeof results) => results[side].map((r) => r.figures[k]);
    const mid = (side: keyof typeof results) => {
      const known = values(side).filter((v) => typeof v === "number");
      return known.length ? round(median(known), 3) : null;
    };
    const [refMedian, workingMedian] = [mid("ref"), mid("working")];
    const ratio = refMedian && workingMedian !== null ? round(workingMedian / refMedian, 3) : null;
    log(`${field}: median ${ref} ${refMedian ?? "-"}, working ${workingMedian ?? "-"}, working/ref ${ratio ?? "-"}`);
    return [field, { ref: values("ref"), working: values("working"), refMedian, workingMedian, ratio }];
  });
  const exitCodes = { ref: results.ref.map((r) => r.exitCode), working: results.working.map((r) => r.exitCode) };
  const failed = [...exitCodes.ref, ...exitCodes.working].some((c) => c !== 0);
  if (failed) log("a run failed or printed no JSON line; its log is in bench-results/compare/");
  const line = {
    benchmark: "compare",
    bench,
    ref,
    refCommit: checkout.commit,
    workingCommit: head,
    runs,
    benchArgs,
    figures: Object.fromEntries(figures),
    exitCodes,
  };
  return { file: `compare-${bench}.json`, line, exitCode: failed ? 1 : 0 };
});
