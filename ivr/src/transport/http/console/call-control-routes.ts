// Call control at the desk: hold, mute, transfer (cold or warm) on the agent's own call, and
// a supervisor's listen, whisper and barge on anyone's. Thin: parse, call CallControl, reply
// with who is in the call's conference now.
import { Router } from "express";
import type { i18n } from "i18next";
import { holdCallRequest, monitorRequest, muteCallRequest, transferRequest } from "../../../contracts/call-control.ts";
import type { CallControl } from "../../../domain/agents/call-control.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function callControlRoutes(deps: { control: CallControl; i18n: i18n }): Router {
  const router = Router();
  const { control } = deps;
  router.use("/api/calls", requireRole(deps.i18n));
  router.use("/api/supervisor/calls", requireRole(deps.i18n, "supervisor"));
  const sid = (value: unknown) => String(value).slice(0, 64);

  router.get(
    "/api/calls/:callSid/transfer-targets",
    route(async (req, res) => void res.json({ targets: await control.targets(req.agent!) })),
  );

  router.get(
    "/api/supervisor/calls",
    route(async (_req, res) => void res.json({ calls: await control.liveCalls() })),
  );

  router.get(
    "/api/calls/:callSid/control",
    route(async (req, res) => void res.json({ control: await control.view(sid(req.params.callSid)) })),
  );

  router.post(
    "/api/calls/:callSid/hold",
    route(async (req, res) => {
      const body = holdCallRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({ control: await control.hold(req.agent!, sid(req.params.callSid), body.data.held) });
    }),
  );

  router.post(
    "/api/calls/:callSid/mute",
    route(async (req, res) => {
      const body = muteCallRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({ control: await control.mute(req.agent!, sid(req.params.callSid), body.data.muted) });
    }),
  );

  router.post(
    "/api/calls/:callSid/transfer",
    route(async (req, res) => {
      const body = transferRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({
        control: await control.transfer(req.agent!, sid(req.params.callSid), body.data.to, body.data.mode),
      });
    }),
  );

  router.post(
    "/api/calls/:callSid/transfer/complete",
    route(
      async (req, res) =>
        void res.json({ control: await control.completeTransfer(req.agent!, sid(req.params.callSid)) }),
    ),
  );

  router.post(
    "/api/calls/:callSid/transfer/cancel",
    route(
      async (req, res) => void res.json({ control: await control.cancelTransfer(req.agent!, sid(req.params.callSid)) }),
    ),
  );

  router.post(
    "/api/supervisor/calls/:callSid/monitor",
    route(async (req, res) => {
      const body = monitorRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      res.json({ control: await control.monitor(req.agent!, sid(req.params.callSid), body.data.mode) });
    }),
  );

  router.post(
    "/api/supervisor/calls/:callSid/monitor/end",
    route(
      async (req, res) => void res.json({ control: await control.stopMonitoring(req.agent!, sid(req.params.callSid)) }),
    ),
  );
  return router;
}
