// A git ref as a temporary worktree (removed at the end, also on Ctrl-C) with this checkout's
// node_modules linked in: a ref with another package-lock.json is refused.
import { execFileSync } from "node:child_process";
import { symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { onCleanup, scratchDir } from "../harness/command.ts";
import { REPO_ROOT } from "../harness/results.ts";

export const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();

export function checkOut(ref: string): { dir: string; commit: string } {
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
