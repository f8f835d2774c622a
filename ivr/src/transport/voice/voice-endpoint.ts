// Where Twilio's webhooks enter: every POST under /voice is read (a small UTF-8 form), its
// signature checked (403 otherwise), and handed to the route for its path. This sits in front
// of Express, on Node's own request and response: webhooks are nearly all of the traffic, need
// none of the console's middleware, and Express's per-request set-up, router walk and
// res.send were about a fifth of a webhook's CPU in bench:ivr's profile.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { HttpMetrics } from "../http/request-metrics.ts";
import { routeLabel, type RouteLabel } from "../http/route-labels.ts";
import { answerAfterBody, FormError, formHeaderProblem, readForm, type TwilioForm } from "./twilio-form.ts";
import { signatureIsValid } from "./twilio-signature.ts";

export interface VoiceRequest {
  /** The path without the query, e.g. "/voice/step/postcode". */
  path: string;
  /** Path and query as received: what Twilio signed, after the base URL. */
  url: string;
  query: URLSearchParams;
  body: TwilioForm;
  /** X-Twilio-Signature, already checked: a repeated request carries the same one. */
  signature: string;
}

export interface VoiceReply {
  /** 200 with TwiML; `apology` marks an answer that says sorry because something failed. */
  twiml(xml: string, apology?: boolean): void;
  /** 204: status callbacks want no TwiML. */
  noContent(): void;
  /** A plain-text refusal of a request Twilio would never make (a broken path). */
  badRequest(text: string): void;
}

export type VoiceHandler = (req: VoiceRequest, reply: VoiceReply) => void | Promise<void>;

/** A group of voice routes: the handler for a path (as received, still %-encoded), if the group has one. */
export type VoiceRoutes = (path: string) => VoiceHandler | undefined;

export interface VoiceEndpointOptions {
  authToken: string;
  publicBaseUrl: string | undefined;
  routes: VoiceRoutes[];
  metrics: HttpMetrics;
  logger: Logger;
  /** Answers when even a handler's own safety net failed: a valid TwiML way on. */
  lastResort: () => string;
}

const FORM_REFUSALS: Record<FormError["status"], string> = {
  400: "Bad Request: the form could not be read",
  413: "Payload Too Large: Twilio webhooks are small form posts (32 kB, 100 fields at most)",
  415: "Unsupported Media Type: Twilio webhooks are UTF-8 form posts",
};

/**
 * Returns a request listener step: true when it took the request (a POST under /voice),
 * false to let the next listener (Express) have it. A /voice POST with no route is checked
 * like any other and then passed on (`notFound`) for the usual 404.
 */
export function voiceEndpoint(
  options: VoiceEndpointOptions,
  notFound: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? "";
    if (req.method !== "POST" || !(url.startsWith("/voice/") || url === "/voice" || url.startsWith("/voice?")))
      return false;
    const start = process.hrtime.bigint();
    const queryAt = url.indexOf("?");
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const path = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
    // Until the signature is checked the request counts as "other": a voice route's metrics
    // (and the wallboard's webhook p95 and error rate) are Twilio's requests only, and the
    // label set stays fixed whatever paths are posted.
    let route: RouteLabel = "other";
    let signed = false;
    const answer = (status: number, type: string | null, body: string, apology = false) => {
      if (res.headersSent) return;
      res.writeHead(status, type ? { "Content-Type": type, "Content-Length": Buffer.byteLength(body) } : {});
      res.end(body);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (signed) options.metrics.recordWebhook(route, status, seconds, apology);
      else options.metrics.record(route, "POST", status, seconds);
    };
    const reply: VoiceReply = {
      twiml: (xml, apology) => answer(200, "text/xml; charset=utf-8", xml, apology),
      noContent: () => answer(204, null, ""),
      badRequest: (text) => answer(400, "text/plain; charset=utf-8", `Bad Request: ${text}`),
    };
    const refuse = (error: FormError) =>
      answerAfterBody(req, () => answer(error.status, "text/plain; charset=utf-8", FORM_REFUSALS[error.status]));

    const checked = (body: TwilioForm) => {
      const signature = req.headers["x-twilio-signature"];
      const base = options.publicBaseUrl?.replace(/\/$/, "") ?? `${protocolOf(req)}://${req.headers.host}`;
      if (typeof signature !== "string" || !signatureIsValid(options.authToken, signature, base + url, body)) {
        answer(403, "text/plain; charset=utf-8", "Forbidden: invalid Twilio signature");
        return;
      }
      signed = true;
      route = routeLabel(path, "POST");
      const handler = findHandler(options.routes, path);
      if (!handler) {
        (req as IncomingMessage & { body?: unknown }).body = body;
        notFound(req, res);
        return;
      }
      const request: VoiceRequest = {
        path,
        url,
        query: new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1)),
        body,
        signature,
      };
      const failed = (err: unknown) => {
        // Handlers answer their own failures with an apology; this is the net below that.
        options.logger.error({ err, route }, "voice handler failed");
        reply.twiml(options.lastResort(), true);
      };
      try {
        const running = handler(request, reply);
        if (running) running.catch(failed);
      } catch (err) {
        failed(err);
      }
    };

    if (
      req.headers["content-length"] === "0" ||
      (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined)
    ) {
      checked(Object.create(null) as TwilioForm);
      return true;
    }
    const problem = formHeaderProblem(req);
    if (problem) {
      refuse(problem);
      return true;
    }
    readForm(req).then(checked, (error: unknown) =>
      refuse(error instanceof FormError ? error : new FormError(400, "form_unreadable")),
    );
    return true;
  };
}

function findHandler(routes: VoiceRoutes[], path: string): VoiceHandler | undefined {
  for (const routesOf of routes) {
    const handler = routesOf(path);
    if (handler) return handler;
  }
  return undefined;
}

/** The scheme Twilio used: behind a proxy, its X-Forwarded-Proto (the app trusts its proxy). */
function protocolOf(req: IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-proto"];
  const header = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (header) {
    const comma = header.indexOf(",");
    return (comma === -1 ? header : header.slice(0, comma)).trim();
  }
  return (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
}
