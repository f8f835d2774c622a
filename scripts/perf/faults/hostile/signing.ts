// Signing as Twilio does, over the parameters exactly as the server will see them: the form body
// is parsed with the server's own form reader (ivr/src/transport/voice/twilio-form.ts), so
// duplicated keys, `Digits[]`, prototype names and broken percent-encoding are signed the way
// the server's check will recompute them.
import twilio from "twilio";
import { FORM_FIELD_LIMIT, parseForm } from "../../../../ivr/src/transport/voice/twilio-form.ts";
import { AUTH_TOKEN } from "../../harness/hotline.ts";

export const OTHER_TOKEN = "some-other-twilio-auth-token-98765";

/** The X-Twilio-Signature for a URL and already-parsed parameters (arrays allowed, as twilio does). */
export function sign(url: string, params: Record<string, unknown>, token = AUTH_TOKEN): string {
  return twilio.getExpectedTwilioSignature(token, url, params as Record<string, string>);
}

/** Percent-encodes as UTF-8; lone surrogates become U+FFFD instead of making encodeURIComponent throw. */
const pct = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

/** Encodes [key, value] pairs as a form body, keeping duplicates and order. */
export const formBody = (pairs: [string, string][]) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&");

/** Signs a form body as the server's form reader parses it (over 100 fields it answers 413 anyway: the first 100). */
export function signForm(url: string, body: string, token = AUTH_TOKEN): string {
  if (!body.length) return sign(url, {}, token);
  try {
    return sign(url, parseForm(body), token);
  } catch {
    return sign(url, parseForm(body.split("&").slice(0, FORM_FIELD_LIMIT).join("&")), token);
  }
}
