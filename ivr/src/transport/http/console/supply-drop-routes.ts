// Supervisors' supply drops: a preview that changes nothing but is kept (with its id), then
// "Ausführen" on that id, which starts the execution and answers at once (202): thousands of
// moved pairs take minutes, far beyond a request's timeout; the console then asks for progress.
// Executing an executed drop answers with the first result.
import { Router } from "express";
import type { i18n } from "i18next";
import { rowIdParam } from "../../../contracts/console-api.ts";
import {
  supplyDropRequest,
  type SupplyDropListView,
  type SupplyDropPreviewView,
  type SupplyDropProgressView,
  type SupplyDropResultView,
} from "../../../contracts/supply-drop-api.ts";
import type { Logger } from "pino";
import type { SupplyDrops } from "../../../domain/supply/supply-drops.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function supplyDropRoutes(deps: { drops: SupplyDrops; i18n: i18n; logger: Logger }): Router {
  const router = Router();
  const { i18n } = deps;
  const base = "/api/supervisor/supply-drops";
  router.use(base, requireRole(i18n, "supervisor"));
  router.use(base, (_req, res, next) => void (res.setHeader("Cache-Control", "no-store"), next()));

  router.get(
    base,
    route(async (_req, res) => {
      const [shifts, drops] = await Promise.all([deps.drops.allowedShifts("biontech"), deps.drops.recent(10)]);
      res.json({
        shifts,
        drops: drops.map((d) => ({
          id: d.id,
          regionId: d.regionId,
          weekStart: d.weekStart,
          dosesLost: d.dosesLost,
          pairsLost: d.pairsLost,
          shiftDays: d.shiftDays,
          status: d.status,
          createdAt: d.createdAt.toISOString(),
        })),
      } satisfies SupplyDropListView);
    }),
  );

  router.post(
    `${base}/preview`,
    route(async (req, res) => {
      const body = supplyDropRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, i18n, 400, "supply_invalid");
      res.status(201).json((await deps.drops.preview(body.data, req.agent!.id)) satisfies SupplyDropPreviewView);
    }),
  );

  router.get(
    `${base}/:id`,
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, i18n, 404, "supply_drop_unknown");
      res.json((await deps.drops.progress(id.data)) satisfies SupplyDropProgressView);
    }),
  );

  router.post(
    `${base}/:id/execute`,
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, i18n, 404, "supply_drop_unknown");
      const by = req.agent!.id;
      // Unknown or already running: answered here, typed. Executed before: its result.
      const started = await deps.drops.begin(id.data, by);
      if ("result" in started) return void res.json(started.result satisfies SupplyDropResultView);
      // The steps go on after this answer; a failure is logged and the claim goes stale, so
      // the background job (or "Ausführen" again) takes the drop over after STALE_MS.
      void deps.drops
        .run(started.drop, by)
        .catch((err: unknown) => deps.logger.error({ err, dropId: id.data }, "supply drop execution failed"));
      res.status(202).json((await deps.drops.progress(id.data)) satisfies SupplyDropProgressView);
    }),
  );
  return router;
}
