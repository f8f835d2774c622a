// The standby list at the centre's console: a centre account enters its own centre's doses left
// and sees today's offers; supervisors may open any centre's. Agents set a waiting entry's
// opt-in for short notice.
import { Router, type Request, type Response } from "express";
import type { i18n } from "i18next";
import { rowIdParam } from "../../../contracts/console-api.ts";
import { shortNoticeRequest, standbyRequest, type StandbyDayView } from "../../../contracts/standby-api.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { Standby } from "../../../domain/standby/standby.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function standbyRoutes(deps: { standby: Standby; i18n: i18n }): Router {
  const router = Router();
  const path = "/api/centres/:centreId/standby";
  router.use(path, requireRole(deps.i18n, "centre"));

  const centreOf = (req: Request, res: Response) => {
    const centreId = rowIdParam.safeParse(req.params.centreId);
    if (!centreId.success) return (sendError(res, req, deps.i18n, 404, "not_found"), null);
    if (req.agent!.role === "centre" && req.agent!.centreId !== centreId.data)
      return (sendError(res, req, deps.i18n, 403, "centre_other"), null);
    return centreId.data;
  };

  const view = async (centreId: number): Promise<StandbyDayView> => ({
    offers: (await deps.standby.today(centreId)).map((o) => ({
      id: o.id,
      doses: o.doses,
      used: o.used,
      usableUntil: o.usableUntil.toISOString(),
      freedPair: o.firstSlotId !== null,
      status: o.status,
      wasted: o.status === "closed" && o.firstSlotId === null ? o.doses - o.used : 0,
      called: o.tally.called,
      accepted: o.tally.accepted,
      tooLate: o.tally.tooLate,
      declined: o.tally.declined,
      unreached: o.tally.unreached,
    })),
  });

  router.get(
    path,
    route(async (req, res) => {
      const centreId = centreOf(req, res);
      if (centreId === null) return;
      res.json(await view(centreId));
    }),
  );

  router.post(
    path,
    route(async (req, res) => {
      const centreId = centreOf(req, res);
      if (centreId === null) return;
      const body = standbyRequest.safeParse(req.body);
      if (!body.success) throw new DomainError("standby_invalid");
      await deps.standby.offerLeftovers(centreId, body.data.doses, body.data.until, req.agent!.id);
      res.status(201).json(await view(centreId));
    }),
  );
  // The waiting list's opt-in for short notice (an agent on the phone with the person, or a
  // supervisor): only opted-in entries are called for doses left over.
  router.post(
    "/api/waitlist/:entryId/short-notice",
    requireRole(deps.i18n),
    route(async (req, res) => {
      const entryId = rowIdParam.safeParse(req.params.entryId);
      const body = shortNoticeRequest.safeParse(req.body);
      if (!entryId.success || !body.success) return sendError(res, req, deps.i18n, 404, "not_found");
      if (!(await deps.standby.setShortNotice(entryId.data, body.data.shortNotice)))
        throw new DomainError("waitlist_unknown");
      res.json({ entryId: entryId.data, shortNotice: body.data.shortNotice });
    }),
  );
  return router;
}
