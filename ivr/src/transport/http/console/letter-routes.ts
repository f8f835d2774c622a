// The day's confirmation letters: gather what is due into today's batch, and print a batch as
// one PDF. Any signed-in agent may (it is back-office work); both are audited.
import { Router } from "express";
import type { i18n } from "i18next";
import { renderLetters } from "../../../adapters/letters/pdf-letters.ts";
import type { LetterRun } from "../../../domain/letters/letter-run.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function letterRoutes(deps: { letters: LetterRun; i18n: i18n }): Router {
  const router = Router();
  router.use("/api/letters", requireRole(deps.i18n));

  router.post(
    "/api/letters/batch",
    route(async (req, res) => {
      res.json(await deps.letters.gather(req.agent!.id));
    }),
  );

  router.get(
    "/api/letters/:day",
    route(async (req, res) => {
      const day = String(req.params.day);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
        return sendError(res, req, deps.i18n, 404, "not_found");
      // ?region=<KV region>: one PDF per region and day (each region posts its own letters).
      const region =
        typeof req.query.region === "string" && /^[a-z-]{2,40}$/.test(req.query.region) ? req.query.region : undefined;
      const pdf = await renderLetters(await deps.letters.letters(day, req.agent!.id, region));
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `inline; filename="briefe-${day}.pdf"`);
      res.setHeader("cache-control", "no-store");
      res.end(pdf);
    }),
  );
  return router;
}
