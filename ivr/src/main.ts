// The one composition root: configuration, logger, database, domain, HTTP server.
import { createServer } from "node:http";
import { startBackgroundJobs } from "./background-jobs.ts";
import { loadConfig, loadDotEnv } from "./config.ts";
import { createHotline } from "./hotline-app.ts";
import { createLogger } from "./logger.ts";
import { openServices } from "./services.ts";

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const services = await openServices(config, logger);
  const hotline = await createHotline(services, config, logger);
  const server = createServer(hotline.app);
  // Twilio waits 15 s for a webhook, then plays the fallback: answer well inside that.
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 65_000;

  const sockets = await hotline.attachSockets(server);

  let stopJobs = () => {};
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
    hotline.setPublicBaseUrl(publicBaseUrl);
    stopJobs = startBackgroundJobs(services, hotline, config, logger, publicBaseUrl);
    logger.info({ port, database: services.db.kind }, `impftermin-hotline listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopJobs();
    void sockets.close();
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
