// What browsers need to be told, and what must come from the console's own page: security
// headers on every answer of the console and its API, and an Origin check on every request
// that changes something (the socket.io handshake checks the same). SameSite=Strict alone let
// a page on another port of the same site send a text/plain POST with the agent's cookie.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import type { i18n } from "i18next";
import { sendError } from "./http-errors.ts";

export interface BrowserSecurityOptions {
  /** PUBLIC_BASE_URL when set: its origin may call, and https there turns HSTS on. */
  publicBaseUrl?: string;
  /** The browser softphone talks to Twilio (TELEPHONY=twilio): the CSP lets it. */
  twilioSoftphone: boolean;
}

/** The console loads nothing from elsewhere and runs no inline script or style. */
export function contentSecurityPolicy(twilioSoftphone: boolean): string {
  // 'self' covers the socket.io WebSocket (ws:/wss: to the same host, CSP level 3). The Twilio
  // Voice SDK signals over wss://voice-js.<edge>.twilio.com, reports to eventgw.twilio.com and
  // plays its ringing sounds from sdk.twilio.com.
  const twilioConnect = twilioSoftphone ? " wss://*.twilio.com https://*.twilio.com" : "";
  const twilioMedia = twilioSoftphone ? " https://sdk.twilio.com" : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${twilioConnect}`,
    `media-src 'self'${twilioMedia}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: BrowserSecurityOptions): RequestHandler {
  const csp = contentSecurityPolicy(options.twilioSoftphone);
  const hsts = options.publicBaseUrl?.startsWith("https:") ?? false;
  return (req, res, next) => {
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // For browsers without CSP frame-ancestors.
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // The softphone needs the microphone of this page; nothing needs the rest.
    res.setHeader("Permissions-Policy", "microphone=(self), camera=(), geolocation=(), payment=(), usb=()");
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // Answers of the API carry personal data: never kept by a browser or a proxy.
    if (req.path.startsWith("/api/")) res.setHeader("Cache-Control", "no-store");
    next();
  };
}

/**
 * Whether a request may come from the page that sent it. A browser names the page's origin in
 * Origin on every cross-origin request and on same-origin ones other than GET/HEAD; it must be
 * this server, as the request addressed it (Host) or as PUBLIC_BASE_URL names it. Without
 * Origin, Sec-Fetch-Site and Referer are asked; a request with none of the three is not a
 * browser's (curl, Twilio, tests) and carries no ambient cookie worth forging.
 */
export function originAllowed(headers: IncomingHttpHeaders, publicBaseUrl?: string): boolean {
  const own = (origin: string): boolean => {
    try {
      const url = new URL(origin);
      if (url.protocol !== "http:" && url.protocol !== "https:") return false;
      if (publicBaseUrl && url.origin === new URL(publicBaseUrl).origin) return true;
      return url.host === headers.host;
    } catch {
      return false;
    }
  };
  const origin = headers.origin;
  if (origin !== undefined) return own(origin);
  const site = headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  const referer = headers.referer;
  if (referer !== undefined) return own(referer);
  return true;
}

const CHANGES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Refuses state-changing API requests from other origins (403) and bodies that are not JSON (415). */
export function originCheck(i18n: i18n, publicBaseUrl?: string): RequestHandler {
  return (req, res, next) => {
    if (!CHANGES.has(req.method) || !req.path.startsWith("/api/")) return next();
    if (!originAllowed(req.headers, publicBaseUrl)) return sendError(res, req, i18n, 403, "origin_forbidden");
    // text/plain, forms and multipart need no CORS preflight: the API only takes JSON, and the
    // register import text/csv (not CORS-safelisted either: a cross-site page cannot send it unasked).
    const csvImport = req.path === "/api/supervisor/waitlist/import" && req.is("text/csv");
    if (hasBody(req) && !req.is("application/json") && !csvImport)
      return sendError(res, req, i18n, 415, "unsupported_media_type");
    next();
  };
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
