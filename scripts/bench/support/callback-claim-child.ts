// A child process of the callbacks benchmark (--processes): opens its own services on the
// benchmark database, says "ready", claims and completes from "go" until the deadline, and
// sends its ClaimRun back over IPC. Started by callback-processes.ts, never by hand.
import { loadConfig } from "../../../ivr/src/config.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import { openServices } from "../../../ivr/src/services.ts";
import { BenchClock } from "./callback-fill.ts";
import { runClaimers } from "./callback-claimers.ts";

export interface ChildArgs {
  databaseUrl: string;
  workers: number;
  label: string;
  /** The claim clock (ISO): after every release window, so everything is due. */
  now: string;
}

const send = (message: unknown) =>
  new Promise<void>((resolve, reject) => process.send!(message, undefined, {}, (e) => (e ? reject(e) : resolve())));

async function main(): Promise<void> {
  if (!process.send)
    throw new Error("callback-claim-child.ts runs as a child of callbacks-bench.ts (IPC channel missing)");
  const args = JSON.parse(process.argv[2] ?? "{}") as ChildArgs;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: args.databaseUrl,
    SEED_WEEKS: "0",
    LOG_LEVEL: "warn",
    DB_POOL_SIZE: String(args.workers + 2),
  });
  const services = await openServices(config, createLogger("warn"), new BenchClock(new Date(args.now)));
  try {
    // Open the pool's connections now, not inside the measured run.
    await Promise.all(Array.from({ length: args.workers + 2 }, () => services.db.prisma.$queryRaw`SELECT 1`));
    const go = new Promise<number>((resolve) =>
      process.once("message", (m: { deadline: number }) => resolve(m.deadline)),
    );
    await send({ type: "ready" });
    const run = await runClaimers(services.callbacks, args.workers, await go, args.label);
    run.rssMb.push(process.memoryUsage().rss / 2 ** 20);
    await send({ type: "result", run });
  } finally {
    await services.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(
      `callback claim child ${process.pid} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
