// The supervisors' overview (the wallboard builds on it). Agents get 403 here.
import { Router } from "express";
import type { i18n } from "i18next";
import type { AgentDesk } from "../../../domain/agents/agent-desk.ts";
import type { AgentStore } from "../../../domain/agents/agent-store.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import { route } from "../http-errors.ts";
import { userView } from "./auth-routes.ts";
import { requireRole } from "./session-auth.ts";

export function supervisorRoutes(deps: { desk: AgentDesk; agents: AgentStore; callbacks: CallbackService; i18n: i18n }): Router {
  const router = Router();
  router.use("/api/supervisor", requireRole(deps.i18n, "supervisor"));
  router.get(
    "/api/supervisor/overview",
    route(async (_req, res) => {
      const [agents, queue, callbacks] = await Promise.all([deps.agents.all(), deps.desk.summary(), deps.callbacks.countByStatus()]);
      const byState: Record<string, number> = {};
      for (const a of agents) if (a.role === "agent") byState[a.state] = (byState[a.state] ?? 0) + 1;
      res.json({ queue, agentsByState: byState, agents: agents.map(userView), callbacks });
    }),
  );
  return router;
}
