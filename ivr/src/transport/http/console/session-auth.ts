// Console sessions: an httpOnly, SameSite=Strict cookie holding a random token; the database
// keeps only its SHA-256, so any server process can check it and a leaked table signs no one in.
import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { i18n } from "i18next";
import type { Role } from "../../../contracts/console-api.ts";
import type { AgentRecord, AgentStore } from "../../../domain/agents/agent-store.ts";
import { sendError } from "../http-errors.ts";

export const SESSION_COOKIE = "hotline_session";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

/** A readable marker (no secret) so the console knows whether to ask for its session at all. */
export function signedInMarker(maxAgeSeconds: number, secure: boolean): string {
  return `hotline_signed_in=${maxAgeSeconds > 0 ? "1" : ""}; Path=/; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

declare module "express-serve-static-core" {
  interface Request {
    agent?: AgentRecord;
    sessionTokenHash?: string;
  }
}

/** The Secure flag: on every https request, and always when configured (production, an https PUBLIC_BASE_URL). */
export function secureCookie(req: Request, always: boolean): boolean {
  return always || req.secure;
}

/** Finds the signed-in agent for the request's cookie, if any. */
export function authenticate(agents: AgentStore, now: () => Date): RequestHandler {
  return (req, _res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!token) return next();
    const tokenHash = hashToken(token);
    agents
      .findSession(tokenHash, now())
      .then((session) => {
        if (session) {
          req.agent = session.agent;
          req.sessionTokenHash = tokenHash;
        }
        next();
      })
      .catch(next);
  };
}

/** 401 without a session, whatever the role (who am I, sign out). */
export function requireSignIn(i18n: i18n): RequestHandler {
  return (req, res, next) => (req.agent ? next() : sendError(res, req, i18n, 401, "unauthenticated"));
}

/**
 * 401 without a session; 403 when the role does not fit. Supervisors may do what agents and
 * centres do; a centre account only what is for centres (its own day, checked by the route).
 */
export function requireRole(i18n: i18n, role: Role = "agent"): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.agent) return sendError(res, req, i18n, 401, "unauthenticated");
    if (req.agent.role !== "supervisor" && req.agent.role !== role) return sendError(res, req, i18n, 403, "forbidden");
    next();
  };
}
