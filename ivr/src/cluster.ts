// `npm start -- --workers N`: N server processes sharing one port (node:cluster). Any
// process answers any webhook of any call: call state, queue and callbacks live in
// PostgreSQL, socket.io rooms span processes through Redis. PGlite is one process only.
import cluster from "node:cluster";

export interface ClusterPlan {
  workers: number;
}

export function parseWorkers(argv: string[]): number {
  const i = argv.findIndex((a) => a === "--workers" || a.startsWith("--workers="));
  if (i < 0) return 1;
  const raw = argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`--workers needs a number from 1 to 64, got "${raw ?? ""}"`);
  return n;
}

/** In the primary: forks the workers and restarts one that dies. Returns false in a worker. */
export function runPrimary(workers: number, log: (msg: string) => void): boolean {
  if (!cluster.isPrimary) return false;
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log(`server process ${worker.process.pid} ended (${signal ?? code}); starting a new one`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 11_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return true;
}
