// The agent's desk: state, the queue, answering and ending calls, restoring after a reload.
import { Router } from "express";
import type { i18n } from "i18next";
import { stateRequest } from "../../../contracts/console-api.ts";
import type { AgentDesk } from "../../../domain/agents/agent-desk.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import { route, sendError } from "../http-errors.ts";
import { userView } from "./auth-routes.ts";
import { requireRole } from "./session-auth.ts";
import { callbackView } from "./views.ts";

export function agentRoutes(deps: { desk: AgentDesk; callbacks: CallbackService; i18n: i18n }): Router {
  const router = Router();
  router.use(["/api/agent", "/api/queue", "/api/calls"], requireRole(deps.i18n));

  router.post(
    "/api/agent/state",
    route(async (req, res) => {
      const body = stateRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({ user: userView(await deps.desk.setState(req.agent!.id, body.data.state)) });
    }),
  );

  router.get(
    "/api/agent/current",
    route(async (req, res) => {
      const agent = req.agent!;
      const call = await deps.desk.current(agent);
      const request = agent.currentCallbackId ? await deps.callbacks.find(agent.currentCallbackId) : null;
      const mine =
        request &&
        request.claimedBy === `agent:${agent.id}` &&
        request.claimToken &&
        ["claimed", "dialling"].includes(request.status);
      res.json({ call, callback: mine ? callbackView(request, request.claimToken!) : null });
    }),
  );

  router.get(
    "/api/queue",
    route(async (_req, res) => void res.json(await deps.desk.summary())),
  );

  router.post(
    "/api/calls/answer",
    route(async (req, res) => {
      const callSid = typeof req.body?.callSid === "string" ? req.body.callSid : undefined;
      res.json({ call: await deps.desk.answer(req.agent!.id, callSid) });
    }),
  );

  router.post(
    "/api/calls/:callSid/end",
    route(async (req, res) => {
      await deps.desk.end(req.agent!, String(req.params.callSid));
      res.status(204).end();
    }),
  );
  return router;
}
