// A person's data-protection rights, exercised by a supervisor on the person's behalf: the
// export (Art. 15) as a file to hand over, and the erasure (Art. 17). Agents get 403.
import { Router } from "express";
import type { i18n } from "i18next";
import { privacyRequest } from "../../../contracts/supervisor-api.ts";
import type { PersonErasure } from "../../../domain/privacy/person-erasure.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function privacyRoutes(deps: { erasure: PersonErasure; i18n: i18n }): Router {
  const router = Router();
  router.use("/api/supervisor/privacy", requireRole(deps.i18n, "supervisor"));

  router.post(
    "/api/supervisor/privacy/export",
    route(async (req, res) => {
      const body = privacyRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "privacy_request_invalid");
      const data = await deps.erasure.export(body.data.code, isoDate(body.data.birthDate), req.agent!.id);
      res.setHeader(
        "content-disposition",
        `attachment; filename="auskunft-${data.person ? `person-${data.person.id}` : "warteliste"}.json"`,
      );
      res.setHeader("cache-control", "no-store");
      res.json(data);
    }),
  );

  router.post(
    "/api/supervisor/privacy/erase",
    route(async (req, res) => {
      const body = privacyRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "privacy_request_invalid");
      res.json(await deps.erasure.erase(body.data.code, isoDate(body.data.birthDate), req.agent!.id));
    }),
  );
  return router;
}

function isoDate(input: string): string {
  const german = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(input);
  return german ? `${german[3]}-${german[2]}-${german[1]}` : input;
}
