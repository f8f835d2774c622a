// A git ref checked out as a temporary worktree under the OS temp folder, ready to run its own
// npm scripts: node_modules linked to this checkout's when the lockfiles agree (else installed
// with npm ci), the Prisma client generated. Removed again by the command's clean-up, also on
// Ctrl-C; a worktree left by a run that was killed outright is removed by the next one.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { log, onCleanup, scratchDir } from "../harness/command.ts";
import { REPO_ROOT } from "../harness/results.ts";

const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();

/** Runs a setup step in the worktree with its output on ours; throws when it fails. */
function step(dir: string, command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed in ${dir} (exit ${result.status ?? result.signal})`);
}

export interface Checkout {
  dir: string;
  commit: string;
}

export function checkOut(ref: string): Checkout {
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const dir = join(scratchDir("perf-compare"), "tree");
  // Worktrees of runs killed outright: scratchDir() removed their folders; drop their registration.
  const registered = git("worktree", "list", "--porcelain")
    .split("\n")
    .filter((l) => l.startsWith("worktree "));
  for (const path of registered.map((l) => l.slice("worktree ".length))) {
    if (/\/perf-compare-\d+-[^/]+\/tree$/.test(path) && !existsSync(path)) git("worktree", "remove", "--force", path);
  }
  onCleanup(() => {
    const modules = join(dir, "node_modules");
    if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) unlinkSync(modules); // the link, not this checkout's modules
    if (existsSync(dir)) git("worktree", "remove", "--force", dir);
    log(`removed the worktree of ${ref}`);
  });
  git("worktree", "add", "--detach", dir, commit);
  const sameLock =
    spawnSync("git", ["diff", "--quiet", commit, "--", "package-lock.json"], { cwd: REPO_ROOT }).status === 0;
  if (sameLock) {
    symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    step(dir, "node", ["scripts/generate-prisma.mjs"]);
  } else {
    log(`package-lock.json differs at ${ref}: installing its dependencies (npm ci) ...`);
    step(dir, "npm", ["ci", "--no-audit", "--no-fund"]);
  }
  return { dir, commit };
}
