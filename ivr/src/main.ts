// The one composition root: configuration, logger, database, domain, HTTP server.
import cluster from "node:cluster";
import { parseWorkers, runPrimary } from "./cluster.ts";
import { startBackgroundJobs } from "./background-jobs.ts";
import { loadConfig, loadDotEnv } from "./config.ts";
import { createHotline } from "./hotline-app.ts";
import { createLogger } from "./logger.ts";
import { openServices } from "./services.ts";
import { createHttpServer } from "./transport/http/http-server.ts";

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const workers = parseWorkers(process.argv.slice(2));
  if (workers > 1 && cluster.isPrimary) {
    if (!config.DATABASE_URL)
      throw new Error("--workers needs DATABASE_URL: the embedded database (PGlite) serves one process only.");
    // Migrate and seed once, before the workers start, so they do not race for it.
    const services = await openServices(config, logger);
    await services.close();
    runPrimary(workers, (msg) => logger.warn(msg));
    logger.info({ workers }, "starting server processes");
    return;
  }
  const services = await openServices(config, logger);
  await services.db.warm();
  const hotline = await createHotline(services, config, logger);
  const server = createHttpServer(hotline.handle, config.REQUEST_TIMEOUT_SECONDS);

  const sockets = await hotline.attachSockets(server);

  let stopJobs = () => {};
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
    hotline.setPublicBaseUrl(publicBaseUrl);
    // With several processes, one dials callbacks: the account's calls-per-second limit is shared.
    const dialHere = cluster.isPrimary || config.WORKER_INDEX === "0";
    stopJobs = startBackgroundJobs(
      services,
      hotline,
      dialHere ? config : { ...config, CALLBACK_WORKER: "off" },
      logger,
      publicBaseUrl,
    );
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
