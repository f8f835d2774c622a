// Sends webhook requests the way Twilio does and insists on answers Twilio would accept. URLs are
// PUBLIC urls (what Twilio sees and signs); only the transport swaps in the local base URL.
import type { RequestEvent } from "./call-events.ts";
import { parseTwiml, TwimlError, type HttpMethod, type TwimlVerb } from "./twiml-verbs.ts";
import { signTwilioRequest, type TwilioParams } from "./twilio-request.ts";

/** Every failure of the webhook conversation; `kind` lets the terminal phone explain it briefly. */
export class WebhookError extends Error {
  override name = "WebhookError";
  constructor(
    message: string,
    readonly kind: "unreachable" | "http" | "twiml" | "limit" | "url",
    readonly status?: number,
  ) {
    super(message);
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
const TIMEOUT_S = 15;

export class WebhookClient {
  private count = 0;
  constructor(private readonly opts: WebhookClientOptions) {}

  /** Requests a TwiML document and parses it; anything Twilio would refuse throws. */
  async fetchTwiml(method: HttpMethod, url: string, params: TwilioParams): Promise<TwimlVerb[]> {
    const res = await this.send(method, url, params);
    const where = `${method} ${url}`;
    const type = res.contentType;
    if (res.status !== 200)
      throw new WebhookError(`${where} answered HTTP ${res.status}: ${res.body.slice(0, 500)}`, "http", res.status);
    if (!/^(text|application)\/xml\b/i.test(type))
      throw new WebhookError(
        `${where} answered Content-Type "${type}", Twilio needs text/xml or application/xml`,
        "http",
      );
    try {
      return parseTwiml(res.body);
    } catch (error) {
      const kind = error instanceof TwimlError ? "invalid TwiML" : "unparseable TwiML";
      throw new WebhookError(
        `${where} returned ${kind}: ${(error as Error).message}\n--- body ---\n${res.body}`,
        "twiml",
      );
    }
  }

  /** A request whose answer Twilio ignores (status callbacks, actions after hangup); only 2xx is required. */
  async notify(method: HttpMethod, url: string, params: TwilioParams): Promise<void> {
    const { status, body } = await this.send(method, url, params);
    if (status < 200 || status > 299)
      throw new WebhookError(`${method} ${url} answered HTTP ${status}: ${body.slice(0, 500)}`, "http", status);
  }

  private async send(method: HttpMethod, url: string, params: TwilioParams) {
    const max = this.opts.maxRequests;
    if (++this.count > max) throw new WebhookError(`more than ${max} webhook requests in one call – looping?`, "limit");
    const transportUrl = this.toTransport(url);
    const headers = {
      "X-Twilio-Signature": signTwilioRequest(this.opts.authToken, url, params),
      "User-Agent": "TwilioProxy/1.1 (impftermin-hotline call emulator)",
      "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
    };
    const started = performance.now();
    let response: Response;
    try {
      response = await this.opts.fetch(transportUrl, {
        method,
        headers,
        body: new URLSearchParams(params).toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_S * 1000),
      });
    } catch (error) {
      // Twilio's timeout, or the socket's code (ECONNRESET, ECONNREFUSED): bench:ivr counts them apart.
      const e = error as Error & { cause?: { code?: string } };
      const code = e.cause?.code ? ` (${e.cause.code})` : "";
      const why = e.name === "TimeoutError" ? `no answer within ${TIMEOUT_S} s` : e.message + code;
      throw new WebhookError(`${method} ${transportUrl} failed: ${why}`, "unreachable");
    }
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    this.opts.onRequest({ type: "request", method, url, params, status: response.status, ms });
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body };
  }

  /** A URL Twilio could not reach (another host, or the local one while a public one is set) is a TwiML bug. */
  private toTransport(publicUrl: string): string {
    const { baseUrl, publicBaseUrl: base } = this.opts;
    if (publicUrl === base || publicUrl.startsWith(`${base}/`) || publicUrl.startsWith(`${base}?`))
      return baseUrl + publicUrl.slice(base.length);
    throw new WebhookError(
      `TwiML points to ${publicUrl}, which is not under the public base URL ${base} that Twilio calls`,
      "url",
    );
  }
}
