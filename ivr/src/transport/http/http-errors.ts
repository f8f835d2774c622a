// Errors become HTTP answers in this one place: a typed code, a plain message in the
// caller's language (German unless the request asks for English), never a stack trace.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { DomainError, type DomainErrorCode } from "../../domain/errors.ts";

const STATUS: Record<DomainErrorCode, number> = {
  slot_taken: 409,
  hold_expired: 409,
  already_booked: 409,
  not_eligible: 422,
  postcode_invalid: 400,
  postcode_unknown: 404,
  outside_service_area: 422,
  code_invalid: 400,
  code_unknown: 404,
  booking_not_active: 409,
  centre_unknown: 404,
  region_unknown: 404,
  vaccine_unknown: 404,
  supply_invalid: 400,
  supply_drop_week_past: 400,
  supply_drop_shift_invalid: 400,
  supply_drop_unknown: 404,
  supply_drop_busy: 409,
  person_invalid: 400,
  database_unavailable: 503,
  queue_empty: 404,
  no_callback_due: 404,
  claim_lost: 409,
  call_unknown: 404,
  settings_changed: 409,
  person_not_found: 404,
  privacy_request_invalid: 400,
  too_many_attempts: 429,
  too_many_lookups: 429,
  too_many_requests: 429,
  account_exists: 409,
  account_unknown: 404,
  account_own: 409,
  account_last_supervisor: 409,
  password_unsuitable: 400,
  hold_invalid: 400,
  conversation_busy: 409,
  offer_gone: 409,
  already_dialled: 409,
  not_dialled: 409,
  booking_missing: 409,
  no_conversation: 409,
  wrap_up_extended: 409,
  call_not_live: 409,
  target_busy: 409,
  transfer_pending: 409,
  no_consult: 409,
  already_in_call: 409,
  hold_not_yours: 403,
  call_not_yours: 403,
  worklist_unknown: 404,
  contact_incomplete: 400,
  hold_limit: 409,
  standby_invalid: 400,
  waitlist_unknown: 404,
  duplicate_unknown: 404,
  run_unknown: 404,
  run_finished: 409,
  campaign_paused: 409,
  invitation_unknown: 409,
  import_invalid: 400,
  centre_other: 403,
  attendance_unknown: 404,
  day_report_invalid: 400,
};

export function requestLanguage(req: Request): "de" | "en" {
  const header = req.headers["accept-language"] ?? "";
  return /^en\b/i.test(header) ? "en" : "de";
}

export function sendError(
  res: Response,
  req: Request,
  i18n: i18n,
  status: number,
  code: string,
  detail: Record<string, unknown> = {},
): void {
  const language = requestLanguage(req);
  const params = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
  // A refusal by an abuse limit (429) says when to try again, in the header and the message.
  const retryAfter = detail.retryAfterSeconds;
  if (typeof retryAfter === "number") {
    res.setHeader("Retry-After", String(retryAfter));
    params.retry = retryText(retryAfter, language);
  }
  const message = i18n.t(code, { ns: "errors", lng: language, ...params });
  res.status(status).json({ error: { code, message, ...detail } });
}

/**
 * "in 30 Sekunden", "in 15 minutes": when to try again, in the message's language (Intl's
 * relative time knows each language's plural forms, which a translated template could not).
 */
export function retryText(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
  if (seconds < 60) return format.format(seconds, "second");
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), "minute");
  return format.format(Math.ceil(seconds / 3600), "hour");
}

/**
 * `isDatabaseUnavailable` tells a failure that means the database cannot be reached (503) from
 * a bug (500); the database adapter knows its drivers' signs of it (adapters/prisma/database-errors.ts).
 */
export function errorHandler(
  i18n: i18n,
  logger: Logger,
  isDatabaseUnavailable: (error: unknown) => boolean,
): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof DomainError) {
      sendError(res, req, i18n, STATUS[error.code], error.code, error.detail);
      return;
    }
    // Body-parser errors: malformed JSON, too large.
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      sendError(res, req, i18n, status, "bad_request");
      return;
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ path: req.path }, "database unavailable");
      sendError(res, req, i18n, 503, "database_unavailable");
      return;
    }
    logger.error({ err: error, path: req.path }, "unhandled error");
    sendError(res, req, i18n, 500, "internal");
  };
}

export function notFound(i18n: i18n): RequestHandler {
  return (req, res) => sendError(res, req, i18n, 404, "not_found");
}

/** Wraps an async handler so a rejected promise reaches the error handler. */
export function route(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}
