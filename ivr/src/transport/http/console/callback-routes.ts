// The callback worklist: "next callback" claims atomically (two agents never share one),
// the agent dials through the telephony interface and records what came of it.
import { Router } from "express";
import type { i18n } from "i18next";
import { outcomeRequest, rowIdParam } from "../../../contracts/console-api.ts";
import type { AgentStore } from "../../../domain/agents/agent-store.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { Clock } from "../../../domain/ledger/ledger.ts";
import type { Telephony } from "../../../domain/telephony/telephony.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";
import { callbackView } from "./views.ts";

export function callbackRoutes(deps: {
  callbacks: CallbackService;
  agents: AgentStore;
  telephony: Telephony;
  clock: Clock;
  i18n: i18n;
  publicBaseUrl: () => string;
}): Router {
  const router = Router();
  router.use("/api/callbacks", requireRole(deps.i18n));
  const claimer = (agentId: string) => `agent:${agentId}`;

  async function ownClaim(id: number, token: unknown, agentId: string) {
    const request = await deps.callbacks.find(id);
    if (
      !request ||
      request.claimToken !== token ||
      request.claimedBy !== claimer(agentId) ||
      !["claimed", "dialling"].includes(request.status)
    ) {
      throw new DomainError("claim_lost");
    }
    return { request, token: request.claimToken! };
  }

  router.post(
    "/api/callbacks/next",
    route(async (req, res) => {
      const claim = await deps.callbacks.claimNext(claimer(req.agent!.id));
      if (!claim) throw new DomainError("no_callback_due");
      await deps.agents.setState(
        req.agent!.id,
        req.agent!.state === "offline" ? "available" : req.agent!.state,
        deps.clock.now(),
        { callbackId: claim.request.id },
      );
      res.json({ callback: callbackView(claim.request, claim.token) });
    }),
  );

  router.post(
    "/api/callbacks/:id/dial",
    route(async (req, res) => {
      // Not a request id at all ("abc", 2^40): malformed, not a database error.
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const claim = await ownClaim(id.data, req.body?.token, req.agent!.id);
      const base = deps.publicBaseUrl();
      const { callSid } = await deps.telephony.placeCall({
        to: claim.request.phone,
        answerUrl: `${base}/voice/agent/callback?agent=${encodeURIComponent(req.agent!.id)}&request=${claim.request.id}`,
        statusCallbackUrl: `${base}/voice/callback/status`,
      });
      await deps.callbacks.dialling(claim, callSid);
      await deps.agents.setState(req.agent!.id, "on-call", deps.clock.now(), { callSid });
      res.json({ callSid });
    }),
  );

  router.post(
    "/api/callbacks/:id/outcome",
    route(async (req, res) => {
      const body = outcomeRequest.safeParse(req.body);
      const id = rowIdParam.safeParse(req.params.id);
      if (!body.success || !id.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const claim = await ownClaim(id.data, body.data.token, req.agent!.id);
      const updated = await deps.callbacks.record(claim, body.data.outcome, {
        notes: body.data.notes ?? null,
        callAgainAt: body.data.callAgainAt ? new Date(body.data.callAgainAt) : undefined,
      });
      if (!updated) throw new DomainError("claim_lost");
      await deps.agents.setState(req.agent!.id, "wrap-up", deps.clock.now(), { callbackId: null, callSid: null });
      res.json({ callback: callbackView(updated, "") });
    }),
  );
  return router;
}
