// The callback worklist: "next callback" claims atomically (two agents never share one) for
// an agent without another conversation, the agent dials once per attempt through the
// telephony interface and records what came of it (checked by CallbackDesk), then wraps up.
import { Router } from "express";
import type { i18n } from "i18next";
import { outcomeRequest, rowIdParam } from "../../../contracts/console-api.ts";
import type { CallbackDesk } from "../../../domain/agents/callback-desk.ts";
import type { CallbackService } from "../../../domain/callbacks/callback-service.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { Telephony } from "../../../domain/telephony/telephony.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";
import { callbackView } from "./views.ts";

export function callbackRoutes(deps: {
  callbacks: CallbackService;
  callbackDesk: CallbackDesk;
  telephony: Telephony;
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
      // Really gone (not just a wrong token): the agent's conversation about it ends.
      const gone = !request || request.claimedBy !== claimer(agentId) || request.claimToken === null;
      if (gone || !["claimed", "dialling"].includes(request.status)) await deps.callbackDesk.lost(agentId, id);
      throw new DomainError("claim_lost");
    }
    return { request, token: request.claimToken! };
  }

  router.post(
    "/api/callbacks/next",
    route(async (req, res) => {
      const agentId = req.agent!.id;
      const claim = await deps.callbackDesk.claim(agentId, () => deps.callbacks.claimNext(claimer(agentId)));
      res.json({ callback: callbackView(claim.request, claim.token) });
    }),
  );

  router.post(
    "/api/callbacks/:id/dial",
    route(async (req, res) => {
      // Not a request id at all ("abc", 2^40): malformed, not a database error.
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const agentId = req.agent!.id;
      const claim = await ownClaim(id.data, req.body?.token, agentId);
      if (claim.request.status === "dialling") throw new DomainError("already_dialled");
      const base = deps.publicBaseUrl();
      const callSid = await deps.callbackDesk.dial(agentId, claim.request.id, async () => {
        const placed = await deps.telephony.placeCall({
          to: claim.request.phone,
          answerUrl: `${base}/voice/agent/callback?agent=${encodeURIComponent(agentId)}&request=${claim.request.id}`,
          statusCallbackUrl: `${base}/voice/callback/status`,
        });
        await deps.callbacks.dialling(claim, placed.callSid);
        return placed.callSid;
      });
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
      const notes = body.data.notes ?? null;
      const updated = await deps.callbackDesk.finish(req.agent!.id, claim.request.id, body.data.outcome, notes, () =>
        deps.callbacks.record(claim, body.data.outcome, {
          notes,
          callAgainAt: body.data.callAgainAt ? new Date(body.data.callAgainAt) : undefined,
        }),
      );
      res.json({ callback: callbackView(updated, "") });
    }),
  );
  return router;
}
