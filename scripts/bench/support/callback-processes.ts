// --processes P: the claim workers spread over P child processes (separate connections and
// event loops), to show FOR UPDATE SKIP LOCKED hands each request to one claimer across processes.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildArgs } from "./callback-claim-child.ts";
import { mergeRuns, wallMs, type ClaimRun } from "./callback-claimers.ts";
import { REPO_ROOT } from "./server-process.ts";

const CHILD = fileURLToPath(new URL("./callback-claim-child.ts", import.meta.url));

/** Children still running, so a SIGINT can stop them (by their own pid). */
export const liveChildren = new Set<ChildProcess>();

export function stopChildren(): void {
  for (const child of liveChildren) child.kill("SIGTERM");
}

function start(args: ChildArgs) {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  liveChildren.add(child);
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<ClaimRun>((resolve, reject) => {
    let run: ClaimRun | null = null;
    child.on("message", (m: { type: string; run?: ClaimRun }) => {
      if (m.type === "ready") onReady();
      if (m.type === "result") run = m.run ?? null;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      liveChildren.delete(child);
      if (run && code === 0) resolve(run);
      else reject(new Error(`claim child ${args.label} exited with ${signal ?? code} before reporting`));
    });
  });
  result.catch(() => undefined); // handled where it is awaited; this only marks it as handled early
  // A child dying before "ready" must not leave the parent waiting for it.
  return { child, ready: Promise.race([ready, result.then(() => undefined)]), result };
}

/** `workers` claimers spread as evenly as possible over `processes` children, all started together. */
export async function runInChildren(
  databaseUrl: string,
  processes: number,
  workers: number,
  seconds: number,
  now: Date,
): Promise<ClaimRun> {
  const children = Array.from({ length: processes }, (_, p) =>
    start({
      databaseUrl,
      workers: Math.floor(workers / processes) + (p < workers % processes ? 1 : 0),
      label: `p${p}`,
      now: now.toISOString(),
    }),
  );
  try {
    await Promise.all(children.map((c) => c.ready));
    const deadline = wallMs() + seconds * 1000;
    for (const c of children) c.child.send({ deadline });
    return mergeRuns(await Promise.all(children.map((c) => c.result)));
  } catch (error) {
    stopChildren();
    throw error;
  }
}
