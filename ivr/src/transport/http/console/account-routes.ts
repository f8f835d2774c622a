// Supervisors manage the console's accounts: list, add, disable, enable, reset a password. A
// drawn password is in this one answer and nowhere else (not in the audit, not in the log).
import { Router, type Response } from "express";
import type { i18n } from "i18next";
import {
  accountId,
  newAccountRequest,
  passwordResetRequest,
  type AccountAnswer,
  type AccountView,
} from "../../../contracts/accounts-api.ts";
import type { AccountService } from "../../../domain/accounts/account-service.ts";
import type { AgentRecord } from "../../../domain/agents/agent-store.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

export function accountView(a: AgentRecord): AccountView {
  return {
    id: a.id,
    displayName: a.displayName,
    role: a.role,
    centreId: a.centreId,
    state: a.state,
    disabledAt: a.disabledAt?.toISOString() ?? null,
    languages: a.languages,
    createdAt: a.createdAt.toISOString(),
    passwordChangedAt: a.passwordChangedAt?.toISOString() ?? null,
  };
}

export function accountRoutes(deps: { accounts: AccountService; i18n: i18n }): Router {
  const router = Router();
  const base = "/api/supervisor/accounts";
  router.use(base, requireRole(deps.i18n, "supervisor"));
  // Never cached: a drawn password must not stay in a browser's or a proxy's cache.
  router.use(base, (_req, res, next) => void (res.setHeader("Cache-Control", "no-store"), next()));
  const answer = (res: Response, status: number, change: { account: AgentRecord; password: string | null }) =>
    void res
      .status(status)
      .json({ account: accountView(change.account), password: change.password } satisfies AccountAnswer);

  router.get(
    base,
    route(async (_req, res) => void res.json({ accounts: (await deps.accounts.list()).map(accountView) })),
  );

  router.post(
    base,
    route(async (req, res) => {
      const body = newAccountRequest.safeParse(req.body);
      if (!body.success) {
        const fields = [...new Set(body.error.issues.map((i) => String(i.path[0])))];
        if (fields.length === 1 && fields[0] === "password")
          return sendError(res, req, deps.i18n, 400, "password_unsuitable");
        return sendError(res, req, deps.i18n, 400, "account_invalid", { fields });
      }
      answer(res, 201, await deps.accounts.create(body.data, req.agent!.id));
    }),
  );

  const target = (raw: unknown) => accountId.safeParse(raw);

  router.post(
    `${base}/:id/password`,
    route(async (req, res) => {
      const id = target(req.params.id);
      const body = passwordResetRequest.safeParse(req.body ?? {});
      if (!id.success) return sendError(res, req, deps.i18n, 404, "account_unknown");
      if (!body.success) return sendError(res, req, deps.i18n, 400, "password_unsuitable");
      answer(res, 200, await deps.accounts.resetPassword(id.data, body.data.password, req.agent!.id));
    }),
  );

  router.post(
    `${base}/:id/disable`,
    route(async (req, res) => {
      const id = target(req.params.id);
      if (!id.success) return sendError(res, req, deps.i18n, 404, "account_unknown");
      answer(res, 200, { account: await deps.accounts.disable(id.data, req.agent!.id), password: null });
    }),
  );

  router.post(
    `${base}/:id/enable`,
    route(async (req, res) => {
      const id = target(req.params.id);
      if (!id.success) return sendError(res, req, deps.i18n, 404, "account_unknown");
      answer(res, 200, { account: await deps.accounts.enable(id.data, req.agent!.id), password: null });
    }),
  );
  return router;
}
