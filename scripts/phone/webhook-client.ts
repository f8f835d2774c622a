// Sends webhook requests the way Twilio does and insists on answers Twilio
// would accept. URLs inside the emulator are always PUBLIC urls (what Twilio
// sees and signs); only the transport swaps in the local base URL.
import { parseTwiml } from "./twiml-verbs.ts";
import { TwimlError } from "./twiml-attributes.ts";
import type { HttpMethod, TwimlVerb } from "./twiml-types.ts";
import { signTwilioRequest, type TwilioParams } from "./twilio-request.ts";
import type { RequestEvent } from "./call-events.ts";

export type WebhookErrorKind = "unreachable" | "http" | "twiml" | "limit" | "url";

/** Every failure of the webhook conversation; `kind` lets the terminal phone explain it briefly. */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly kind: WebhookErrorKind,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
    this.name = "WebhookError";
  }
}

export interface WebhookClientOptions {
  baseUrl: string;
  publicBaseUrl: string;
  authToken: string;
  fetch: typeof fetch;
  maxRequests: number;
  onRequest: (event: RequestEvent) => void;
}

/** Twilio gives up on a webhook after 15 seconds (error 11205). */
const TWILIO_TIMEOUT_MS = 15_000;

export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
}

export class WebhookClient {
  private count = 0;
  constructor(private readonly opts: WebhookClientOptions) {}

  /** Resolves a TwiML URL (relative or absolute) against the document that contained it. */
  resolve(url: string, against: string): string {
    return new URL(url, against).toString();
  }

  /** Requests a TwiML document and parses it; anything Twilio would refuse throws. */
  async fetchTwiml(method: HttpMethod, url: string, params: TwilioParams): Promise<TwimlVerb[]> {
    const res = await this.send(method, url, params);
    const where = `${method} ${url}`;
    if (res.status !== 200) throw answered(where, res);
    if (!/^(text|application)\/xml\b/i.test(res.contentType))
      throw answered(where, res, `Content-Type "${res.contentType}", Twilio needs text/xml or application/xml`);
    try {
      return parseTwiml(res.body);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const kind = error instanceof TwimlError ? "invalid TwiML" : "unparseable TwiML";
      throw new WebhookError(
        `${where} returned ${kind}: ${message}\n--- body ---\n${res.body}`,
        "twiml",
        res.status,
        res.body,
      );
    }
  }

  /** A request whose answer Twilio ignores (status callbacks, actions after hangup); only 2xx is required. */
  async notify(method: HttpMethod, url: string, params: TwilioParams): Promise<void> {
    const res = await this.send(method, url, params);
    if (res.status < 200 || res.status > 299) throw answered(`${method} ${url}`, res);
  }

  async send(method: HttpMethod, url: string, params: TwilioParams): Promise<WebhookResponse> {
    if (++this.count > this.opts.maxRequests) {
      throw new WebhookError(
        `more than ${this.opts.maxRequests} webhook requests in one call – is the TwiML looping?`,
        "limit",
      );
    }
    // GET carries the fields in the query string and signs the full URL alone.
    const publicUrl = method === "GET" ? withQuery(url, params) : url;
    const headers: Record<string, string> = {
      "X-Twilio-Signature": signTwilioRequest(this.opts.authToken, publicUrl, method === "GET" ? {} : params),
      "User-Agent": "TwilioProxy/1.1 (impftermin-hotline call emulator)",
      Accept: "*/*",
    };
    if (method === "POST") headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8";
    const started = performance.now();
    let response: Response;
    try {
      response = await this.opts.fetch(this.toTransport(publicUrl), {
        method,
        headers,
        body: method === "POST" ? new URLSearchParams(params).toString() : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(TWILIO_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw new WebhookError(`${method} ${this.toTransport(publicUrl)} failed: ${cause}`, "unreachable");
    }
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    this.opts.onRequest({ type: "request", method, url: publicUrl, params, status: response.status, ms });
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body };
  }

  /**
   * Maps a public URL to the server under test. A URL that Twilio could not
   * reach (another host, or the local address while a public one is set) is
   * a bug in the TwiML, so it is reported rather than followed.
   */
  private toTransport(publicUrl: string): string {
    const { baseUrl, publicBaseUrl } = this.opts;
    if (isUnder(publicUrl, publicBaseUrl)) return baseUrl + publicUrl.slice(publicBaseUrl.length);
    throw new WebhookError(
      `TwiML points to ${publicUrl}, which is not under the public base URL ${publicBaseUrl} that Twilio calls`,
      "url",
    );
  }
}

/** An answer Twilio would not accept: by default its status, with the start of its body. */
function answered(where: string, res: WebhookResponse, what = `HTTP ${res.status}: ${res.body.slice(0, 500)}`) {
  return new WebhookError(`${where} answered ${what}`, "http", res.status, res.body);
}

function isUnder(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

function withQuery(url: string, params: TwilioParams): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(params)) u.searchParams.append(key, value);
  return u.toString();
}
