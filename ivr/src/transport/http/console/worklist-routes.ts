// The agents' worklist: phone bookings whose name or letter address speech could not settle.
// An agent hears the recording, types what it says, and the recording is deleted. Listening and
// typing are audited: both touch a person's voice and data.
import { Router } from "express";
import type { i18n } from "i18next";
import { rowIdParam, worklistCompletion } from "../../../contracts/console-api.ts";
import type { Worklist } from "../../../domain/contacts/contact-details.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function worklistRoutes(deps: { worklist: Worklist; i18n: i18n }): Router {
  const router = Router();
  router.use("/api/worklist", requireRole(deps.i18n));

  router.get(
    "/api/worklist",
    route(async (_req, res) => {
      res.setHeader("cache-control", "no-store");
      res.json({ items: await deps.worklist.list() });
    }),
  );

  router.get(
    "/api/worklist/:personId/recording/:which",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.personId);
      const which = req.params.which;
      if (!id.success || (which !== "name" && which !== "address"))
        return sendError(res, req, deps.i18n, 404, "worklist_unknown");
      const audio = await deps.worklist.recording(id.data, which, req.agent!.id);
      res.setHeader("content-type", audio.contentType);
      res.setHeader("cache-control", "no-store");
      res.end(Buffer.from(audio.body));
    }),
  );

  router.post(
    "/api/worklist/:personId",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.personId);
      const body = worklistCompletion.safeParse(req.body);
      if (!id.success) return sendError(res, req, deps.i18n, 404, "worklist_unknown");
      if (!body.success) return sendError(res, req, deps.i18n, 400, "contact_incomplete");
      res.json({ item: await deps.worklist.complete(id.data, body.data, req.agent!.id) });
    }),
  );
  return router;
}
