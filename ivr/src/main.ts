// The one composition root: configuration, logger, database, domain, HTTP server.
import { createServer } from "node:http";
import { loadConfig, loadDotEnv } from "./config.ts";
import { createHotline } from "./hotline-app.ts";
import { createLogger } from "./logger.ts";
import { openServices } from "./services.ts";

const HOLD_SWEEP_MS = 15_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const services = await openServices(config, logger);
  const { app } = await createHotline(services, config, logger);
  const server = createServer(app);

  // Holds expire by themselves: the booking checks expires_at, and this gives places back.
  const sweeper = setInterval(() => {
    services.ledger.sweepExpiredHolds().catch((err) => logger.warn({ err }, "hold sweep failed"));
  }, HOLD_SWEEP_MS);
  sweeper.unref();

  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info({ port, database: services.db.kind }, `impftermin-hotline listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    clearInterval(sweeper);
    server.close(() => {
      services.close().finally(() => process.exit(0));
    });
    // Calls in flight get 10 s; Twilio retries or plays the fallback after that anyway.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(`impftermin-hotline could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
