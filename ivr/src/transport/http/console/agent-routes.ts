// The agent's desk: state (with the reason for "Nicht bereit"), accepting the call offered,
// ending it, wrap-up, restoring after a reload; and the languages supervisors give an agent.
import { Router } from "express";
import type { i18n } from "i18next";
import { languagesRequest, rowIdParam, stateRequest, wrapUpRequest } from "../../../contracts/console-api.ts";
import type { AgentDesk } from "../../../domain/agents/agent-desk.ts";
import type { CallbackDesk } from "../../../domain/agents/callback-desk.ts";
import type { AgentStore } from "../../../domain/agents/agent-store.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import { DomainError } from "../../../domain/errors.ts";
import { route, sendError } from "../http-errors.ts";
import { userView } from "./auth-routes.ts";
import { requireRole } from "./session-auth.ts";
import { callbackView } from "./views.ts";

export function agentRoutes(deps: {
  desk: AgentDesk;
  callbackDesk: CallbackDesk;
  agents: AgentStore;
  callbacks: CallbackService;
  i18n: i18n;
}): Router {
  const router = Router();
  router.use(["/api/agent", "/api/queue", "/api/calls", "/api/offers", "/api/wrap-up"], requireRole(deps.i18n));
  router.use("/api/supervisor/agents", requireRole(deps.i18n, "supervisor"));

  router.post(
    "/api/agent/state",
    route(async (req, res) => {
      const body = stateRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({ user: userView(await deps.desk.setState(req.agent!.id, body.data.state, body.data.reason)) });
    }),
  );

  router.get(
    "/api/agent/current",
    route(async (req, res) => {
      const agent = req.agent!;
      const [call, offer, conversation] = await Promise.all([
        deps.desk.current(agent),
        deps.desk.offer(agent.id),
        deps.desk.conversation(agent.id),
      ]);
      const request = agent.currentCallbackId ? await deps.callbacks.find(agent.currentCallbackId) : null;
      const mine =
        request &&
        request.claimedBy === `agent:${agent.id}` &&
        request.claimToken &&
        ["claimed", "dialling"].includes(request.status);
      res.json({ call, callback: mine ? callbackView(request, request.claimToken!) : null, offer, conversation });
    }),
  );

  router.get(
    "/api/queue",
    route(async (_req, res) => void res.json(await deps.desk.summary())),
  );

  // No "take the next caller": calls are offered (call-router.ts), the agent accepts.
  router.post(
    "/api/offers/:id/accept",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const agentId = req.agent!.id;
      const offer = await deps.desk.offer(agentId);
      if (offer?.id === id.data && offer.kind === "callback") {
        const claim = await deps.callbackDesk.acceptOffer(agentId, id.data, (callbackId) =>
          deps.callbacks.claimById(callbackId, `agent:${agentId}`),
        );
        return void res.json({ callback: callbackView(claim.request, claim.token) });
      }
      res.json({ call: await deps.desk.accept(agentId, id.data) });
    }),
  );

  router.post(
    "/api/calls/:callSid/end",
    route(async (req, res) => {
      await deps.desk.end(req.agent!, String(req.params.callSid));
      res.status(204).end();
    }),
  );

  router.post(
    "/api/wrap-up",
    route(async (req, res) => {
      const body = wrapUpRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const note = body.data.note?.trim() || null;
      res.json({ user: userView(await deps.desk.wrapUp(req.agent!.id, body.data.outcome, note)) });
    }),
  );

  router.post(
    "/api/wrap-up/extend",
    route(async (req, res) => void res.json({ conversation: await deps.desk.extendWrapUp(req.agent!.id) })),
  );

  router.post(
    "/api/supervisor/agents/:id/languages",
    route(async (req, res) => {
      const body = languagesRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const agent = await deps.agents.setLanguages(String(req.params.id), body.data.languages);
      if (!agent) throw new DomainError("account_unknown");
      res.json({ user: userView(agent) });
    }),
  );
  return router;
}
