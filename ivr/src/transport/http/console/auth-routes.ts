// Sign-in and sign-out for the console. Failed attempts are limited per name and address.
import { Router } from "express";
import type { i18n } from "i18next";
import { loginRequest, type UserView } from "../../../contracts/console-api.ts";
import type { AgentRecord, AgentStore } from "../../../domain/agents/agent-store.ts";
import { verifyPassword } from "../../../adapters/auth/password.ts";
import { route, sendError } from "../http-errors.ts";
import { hashToken, newToken, requireRole, secureCookie, sessionCookie, signedInMarker } from "./session-auth.ts";

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

export function userView(a: AgentRecord): UserView {
  return { id: a.id, displayName: a.displayName, role: a.role, state: a.state };
}

export function authRoutes(deps: {
  agents: AgentStore;
  i18n: i18n;
  sessionHours: number;
  /** Secure cookies on plain http too (production, an https PUBLIC_BASE_URL); https requests always get them. */
  secureCookies: boolean;
  now: () => Date;
  /** A session was deleted: its sockets are cut, on every process. */
  sessionEnded(tokenHash: string): void;
}): Router {
  const router = Router();
  const failures = new Map<string, { count: number; since: number }>();

  router.post(
    "/api/auth/login",
    route(async (req, res) => {
      const body = loginRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const key = `${body.data.username}|${req.ip}`;
      const seen = failures.get(key);
      if (seen && Date.now() - seen.since < WINDOW_MS && seen.count >= MAX_FAILURES)
        return sendError(res, req, deps.i18n, 429, "too_many_attempts");
      const agent = await deps.agents.find(body.data.username);
      // The password is checked for disabled accounts too: the answer takes as long either way.
      if (!(await verifyPassword(body.data.password, agent?.passwordHash ?? null)) || !agent || agent.disabledAt) {
        const entry = seen && Date.now() - seen.since < WINDOW_MS ? seen : { count: 0, since: Date.now() };
        entry.count += 1;
        failures.set(key, entry);
        return sendError(res, req, deps.i18n, 401, "invalid_credentials");
      }
      failures.delete(key);
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

  router.get("/api/auth/me", requireRole(deps.i18n), (req, res) => {
    res.json({ user: userView(req.agent!) });
  });
  return router;
}
