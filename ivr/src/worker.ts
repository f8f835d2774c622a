// `npm run worker`: the callback dialler as its own process, for PostgreSQL deployments
// (PGlite is one process: there the server runs the dialler itself). Any number of these may
// run beside the servers: the one holding the dialler's lease dials, the others stand by and
// take over within seconds when it dies.
import { hostname } from "node:os";
import { createDialer } from "./background-jobs.ts";
import { loadConfig, loadDotEnv } from "./config.ts";
import { createHotline } from "./hotline-app.ts";
import { createLogger } from "./logger.ts";
import { openServices } from "./services.ts";

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL)
    throw new Error(
      "npm run worker needs DATABASE_URL (PostgreSQL); with the embedded database the server dials callbacks itself.",
    );
  if (!config.PUBLIC_BASE_URL)
    throw new Error("npm run worker needs PUBLIC_BASE_URL: the server URL Twilio calls for answered callbacks.");
  const services = await openServices({ ...config, AUTO_SEED: false }, logger);
  // createHotline also wires the invitation calls' letter fallback (expired tasks settle here).
  const hotline = await createHotline(services, config, logger);
  const pause = config.WORKER_PAUSE_AFTER_CLAIM_MS || undefined;
  const dialer = createDialer(
    services,
    hotline,
    logger,
    config.PUBLIC_BASE_URL,
    `${hostname()}:${process.pid}:worker`,
    pause,
  );
  dialer.start();
  logger.info({ worker: process.pid }, "callback worker running");
  const stop = () => {
    void dialer.stop().finally(() => services.close().finally(() => process.exit(0)));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(`callback worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
