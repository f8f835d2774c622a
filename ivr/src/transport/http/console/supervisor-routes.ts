// Supervisors' API: overview, wallboard, the day's series, supply, settings, announcement,
// audit. Agents get 403 on every route here.
import { Router } from "express";
import type { i18n } from "i18next";
import { announcementRequest, settingsUpdate, supplyRequest } from "../../../contracts/supervisor-api.ts";
import type { AgentDesk } from "../../../domain/agents/agent-desk.ts";
import type { AgentStore } from "../../../domain/agents/agent-store.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import type { LiveSettings } from "../../../domain/supervision/live-settings.ts";
import { thresholdProblems } from "../../../domain/supervision/tile-levels.ts";
import type { SupervisorControls } from "../../../domain/supervision/supervisor-controls.ts";
import type { Wallboard } from "../../../domain/supervision/wallboard.ts";
import { route, sendError } from "../http-errors.ts";
import { userView } from "./auth-routes.ts";
import { requireRole } from "./session-auth.ts";

export interface SupervisorDeps {
  desk: AgentDesk;
  agents: AgentStore;
  callbacks: CallbackService;
  wallboard: Wallboard;
  controls: SupervisorControls;
  settings: LiveSettings;
  i18n: i18n;
}

export function supervisorRoutes(deps: SupervisorDeps): Router {
  const router = Router();
  router.use("/api/supervisor", requireRole(deps.i18n, "supervisor"));

  router.get(
    "/api/supervisor/overview",
    route(async (_req, res) => {
      const [agents, queue, callbacks] = await Promise.all([
        deps.agents.all(),
        deps.desk.summary(),
        deps.callbacks.countByStatus(),
      ]);
      const byState: Record<string, number> = {};
      for (const a of agents) if (a.role === "agent") byState[a.state] = (byState[a.state] ?? 0) + 1;
      res.json({ queue, agentsByState: byState, agents: agents.map(userView), callbacks });
    }),
  );
  router.get(
    "/api/supervisor/wallboard",
    route(async (_req, res) => void res.json(await deps.wallboard.snapshot())),
  );
  router.get(
    "/api/supervisor/day",
    route(async (req, res) => {
      const day =
        typeof req.query.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(req.query.day) ? req.query.day : undefined;
      res.json(await deps.wallboard.day(day));
    }),
  );

  router.post(
    "/api/supervisor/supply/preview",
    route(async (req, res) => {
      const body = supplyRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "supply_invalid");
      res.json(await deps.controls.previewSupply(body.data));
    }),
  );
  router.post(
    "/api/supervisor/supply/release",
    route(async (req, res) => {
      const body = supplyRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "supply_invalid");
      res.status(201).json(await deps.controls.releaseSupply(body.data, req.agent!.id));
    }),
  );

  router.get("/api/supervisor/settings", (_req, res) => {
    res.json({ settings: deps.settings.current(), version: deps.settings.currentVersion() });
  });
  router.put(
    "/api/supervisor/settings",
    route(async (req, res) => {
      const body = settingsUpdate.safeParse(req.body);
      if (!body.success)
        return sendError(res, req, deps.i18n, 400, "settings_invalid", {
          issues: body.error.issues.map((i) => i.path.join(".")),
        });
      // Field by field: a change of the opening time alone is checked against the stored closing time.
      const hotline = { ...deps.settings.current().hotline, ...body.data.hotline };
      if (hotline.opensAt >= hotline.closesAt)
        return sendError(res, req, deps.i18n, 400, "settings_invalid", { issues: ["hotline"] });
      const thresholds = thresholdProblems({ ...deps.settings.current().service, ...body.data.service });
      if (thresholds.length > 0) return sendError(res, req, deps.i18n, 400, "settings_invalid", { issues: thresholds });
      res.json({
        settings: await deps.controls.updateSettings(body.data, req.agent!.id),
        version: deps.settings.currentVersion(),
      });
    }),
  );
  router.put(
    "/api/supervisor/announcement",
    route(async (req, res) => {
      const body = announcementRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json(await deps.controls.setAnnouncement(body.data.texts, req.agent!.id));
    }),
  );
  router.get(
    "/api/supervisor/audit",
    route(async (_req, res) => void res.json({ actions: await deps.controls.auditLog() })),
  );
  return router;
}
