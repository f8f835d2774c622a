// The one composition root: configuration, logger, database, domain, HTTP server.
// A process that cannot reach PostgreSQL at start does not give up: it answers Twilio's
// fallback (degraded-app.ts) and tries again every few seconds, then serves in full.
import cluster from "node:cluster";
import type { RequestListener, Server } from "node:http";
import type { Logger } from "pino";
import { isConnectionError } from "./adapters/prisma/database-errors.ts";
import { parseWorkers, runPrimary } from "./cluster.ts";
import { startBackgroundJobs } from "./background-jobs.ts";
import { loadConfig, loadDotEnv, type Config } from "./config.ts";
import { createDegradedHandler } from "./degraded-app.ts";
import { createHotline } from "./hotline-app.ts";
import { createLogger } from "./logger.ts";
import { openServices, type Services } from "./services.ts";
import { createHttpServer } from "./transport/http/http-server.ts";

const RETRY_OPEN_MS = 5_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const workers = parseWorkers(process.argv.slice(2));
  if (workers > 1 && cluster.isPrimary) {
    if (!config.DATABASE_URL)
      throw new Error("--workers needs DATABASE_URL: the embedded database (PGlite) serves one process only.");
    // Migrate and seed once, before the workers start, so they do not race for it. With the
    // database down, the workers start anyway: each answers the fallback until it is back
    // (migrations and seeds take advisory locks, so their racing then is harmless).
    const services = await openOrNull(config, logger);
    await services?.close();
    runPrimary(workers, (msg) => logger.warn(msg));
    logger.info({ workers }, "starting server processes");
    return;
  }

  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  // Twilio waits 15 s for a webhook, then plays the fallback: answer well inside that.
  const server = createHttpServer((req, res) => handle(req, res), config.REQUEST_TIMEOUT_SECONDS);

  let services = await openOrNull(config, logger);
  let port: number;
  if (!services) {
    handle = await createDegradedHandler(config, logger);
    port = await listen(server, config);
    logger.warn({ port }, "database unreachable: answering Twilio's fallback only, and retrying");
    while (!services) {
      await new Promise((r) => setTimeout(r, RETRY_OPEN_MS));
      services = await openOrNull(config, logger);
    }
  }
  await services.db.warm();
  const hotline = await createHotline(services, config, logger);
  handle = hotline.handle;
  const sockets = await hotline.attachSockets(server);
  port = server.listening ? portOf(server, config) : await listen(server, config);
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;
  hotline.setPublicBaseUrl(publicBaseUrl);
  // Every process stands by to dial callbacks; the one holding the dialler's lease dials
  // (the account's calls-per-second limit is shared), and another takes over if it dies.
  const stopJobs = startBackgroundJobs(services, hotline, config, logger, publicBaseUrl);
  logger.info({ port, database: services.db.kind }, `impftermin-hotline listening on http://localhost:${port}`);

  let stopping = false;
  const ready = services;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopJobs();
    void sockets.close();
    server.close(() => {
      ready.close().finally(() => process.exit(0));
    });
    // Calls in flight get 10 s; Twilio retries or plays the fallback after that anyway.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** The services, or null while the database cannot be reached (any other failure is fatal). */
async function openOrNull(config: Config, logger: Logger): Promise<Services | null> {
  try {
    return await openServices(config, logger);
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    logger.warn({ err: error }, "database unreachable");
    return null;
  }
}

function listen(server: Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve(portOf(server, config)));
  });
}

function portOf(server: Server, config: Config): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : config.PORT;
}

main().catch((error) => {
  console.error(`impftermin-hotline could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
