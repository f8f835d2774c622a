// Signing as Twilio does, over the parameters exactly as the server will see them: the form
// body is parsed with the same qs module and options as express.urlencoded in voice-routes.ts
// (extended: false, parameterLimit 100), so duplicated keys, `Digits[]` and prototype names
// are signed the way validateRequest will recompute them.
import { createRequire } from "node:module";
import twilio from "twilio";

type QsParse = (body: string, options: Record<string, unknown>) => Record<string, unknown>;
const requireHere = createRequire(import.meta.url);
const qs = createRequire(requireHere.resolve("body-parser"))("qs") as { parse: QsParse };

export const AUTH_TOKEN = "fault-hostile-auth-token-0123456789";
export const OTHER_TOKEN = "some-other-twilio-auth-token-98765";

/** What express.urlencoded({ extended: false, parameterLimit: 100 }) makes of a body. */
export function parseFormLikeServer(body: string): Record<string, unknown> {
  if (!body.length) return {};
  return qs.parse(body, { allowPrototypes: true, arrayLimit: 100, depth: 0, charset: "utf-8", parameterLimit: 100, strictDepth: true });
}

/** The X-Twilio-Signature for a URL and already-parsed parameters (arrays allowed, as twilio does). */
export function sign(url: string, params: Record<string, unknown>, token = AUTH_TOKEN): string {
  return twilio.getExpectedTwilioSignature(token, url, params as Record<string, string>);
}

/** Percent-encodes as UTF-8; lone surrogates become U+FFFD instead of making encodeURIComponent throw. */
export function pct(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

/** Encodes [key, value] pairs as a form body, keeping duplicates and order. */
export function formBody(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&");
}

export function signForm(url: string, body: string, token = AUTH_TOKEN): string {
  return sign(url, parseFormLikeServer(body), token);
}
