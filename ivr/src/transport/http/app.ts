// Builds the Express app from its dependencies; main.ts starts it (tests use port 0).
import express, { type Express, type RequestHandler } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import type { Database } from "../../adapters/db/open-database.ts";
import type { TrustProxy } from "../../config.ts";
import type { AddressRateLimit } from "../../domain/limits/address-rate-limit.ts";
import type { Ledger } from "../../domain/ledger/ledger.ts";
import { errorHandler, notFound } from "./http-errors.ts";
import { availabilityRoutes } from "./routes/availability.ts";
import { healthRoutes } from "./routes/health.ts";

export interface AppDeps {
  db: Database;
  ledger: Ledger;
  i18n: i18n;
  logger: Logger;
  /** Which X-Forwarded-For entries to believe (TRUST_PROXY); false: none. */
  trustProxy: TrustProxy;
  /** Requests to the public availability endpoint, per address and in all. */
  availabilityLimit: AddressRateLimit;
  /** Whether an error means the database cannot be reached (answered 503, not 500). */
  isDatabaseUnavailable(error: unknown): boolean;
  /** Run first, on every request Express answers (security headers, the Origin check). */
  guards?: RequestHandler[];
  /** Further routers (voice webhooks, agent API), mounted before the 404 handler. */
  routers?: RequestHandler[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy);
  for (const guard of deps.guards ?? []) app.use(guard);
  // JSON only where JSON is spoken: the console API. Voice webhooks are form posts.
  app.use("/api", express.json({ limit: "64kb" }));
  app.use(healthRoutes(deps.db));
  app.use(availabilityRoutes(deps.ledger, deps.availabilityLimit));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFound(deps.i18n));
  app.use(errorHandler(deps.i18n, deps.logger, deps.isDatabaseUnavailable));
  return app;
}
