// Sign-in and sign-out for the console. Failed attempts slow down per name and address, per
// address, per name and overall (domain/limits/sign-in-throttle.ts), counted in the database so
// every server process counts together.
import { Router } from "express";
import type { i18n } from "i18next";
import { loginRequest, type UserView } from "../../../contracts/console-api.ts";
import type { AgentRecord, AgentStore } from "../../../domain/agents/agent-store.ts";
import { verifyPassword } from "../../../adapters/auth/password.ts";
import { isRefusal, type SignInThrottle } from "../../../domain/limits/sign-in-throttle.ts";
import { clientAddress } from "../client-address.ts";
import { route, sendError } from "../http-errors.ts";
import { hashToken, newToken, requireSignIn, secureCookie, sessionCookie, signedInMarker } from "./session-auth.ts";

export function userView(a: AgentRecord): UserView {
  return {
    id: a.id,
    displayName: a.displayName,
    role: a.role,
    state: a.state,
    stateSince: a.stateSince.toISOString(),
    notReadyReason: a.notReadyReason,
    languages: a.languages,
    ...(a.centreId === null ? {} : { centreId: a.centreId }),
  };
}

export function authRoutes(deps: {
  agents: AgentStore;
  signIns: SignInThrottle;
  i18n: i18n;
  sessionHours: number;
  /** Secure cookies on plain http too (production, an https PUBLIC_BASE_URL); https requests always get them. */
  secureCookies: boolean;
  now: () => Date;
  /** A session was deleted: its sockets are cut, on every process. */
  sessionEnded(tokenHash: string): void;
}): Router {
  const router = Router();

  router.post(
    "/api/auth/login",
    route(async (req, res) => {
      const body = loginRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const attempt = await deps.signIns.attempt(body.data.username, clientAddress(req));
      if (isRefusal(attempt)) return sendError(res, req, deps.i18n, 429, "too_many_attempts", { ...attempt });
      const agent = await deps.agents.find(body.data.username);
      // The password is checked for disabled accounts too: the answer takes as long either way.
      if (!(await verifyPassword(body.data.password, agent?.passwordHash ?? null)) || !agent || agent.disabledAt) {
        await attempt.failed();
        return sendError(res, req, deps.i18n, 401, "invalid_credentials");
      }
      await attempt.succeeded();
      const token = newToken();
      await deps.agents.createSession(
        agent.id,
        hashToken(token),
        new Date(deps.now().getTime() + deps.sessionHours * 3_600_000),
      );
      const secure = secureCookie(req, deps.secureCookies);
      res.setHeader("Set-Cookie", [
        sessionCookie(token, deps.sessionHours * 3600, secure),
        signedInMarker(deps.sessionHours * 3600, secure),
      ]);
      res.json({ user: userView(agent) });
    }),
  );

  router.post(
    "/api/auth/logout",
    route(async (req, res) => {
      if (req.sessionTokenHash) {
        await deps.agents.deleteSession(req.sessionTokenHash);
        deps.sessionEnded(req.sessionTokenHash);
      }
      const secure = secureCookie(req, deps.secureCookies);
      res.setHeader("Set-Cookie", [sessionCookie("", 0, secure), signedInMarker(0, secure)]);
      res.status(204).end();
    }),
  );

  router.get("/api/auth/me", requireSignIn(deps.i18n), (req, res) => {
    res.json({ user: userView(req.agent!) });
  });
  return router;
}
