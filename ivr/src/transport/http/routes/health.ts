import { Router } from "express";
import type { Database } from "../../../adapters/db/open-database.ts";
import { route } from "../http-errors.ts";

export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get(
    "/healthz",
    route(async (_req, res) => {
      const up = await db.ping();
      res.status(up ? 200 : 503).json({ status: up ? "ok" : "unavailable", database: { kind: db.kind, up } });
    }),
  );
  return router;
}
