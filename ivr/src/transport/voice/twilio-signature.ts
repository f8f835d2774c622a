// Every /voice request must be signed by Twilio with our auth token. The URL Twilio signed is
// the public one: PUBLIC_BASE_URL when we run behind a proxy, else what the request says.
import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import twilio from "twilio";

export function requireTwilioSignature(authToken: string, publicBaseUrl: string | undefined): RequestHandler {
  return (req, res, next) => {
    const signature = req.header("x-twilio-signature");
    const base = publicBaseUrl?.replace(/\/$/, "") ?? `${req.protocol}://${req.get("host")}`;
    const params = req.body && typeof req.body === "object" ? (req.body as Record<string, string>) : {};
    if (!signature || !isValid(authToken, signature, base + req.originalUrl, params)) {
      res.status(403).type("text/plain").send("Forbidden: invalid Twilio signature");
      return;
    }
    next();
  };
}

/**
 * The URL as we see it is almost always the URL Twilio signed: one HMAC settles it.
 * validateRequest computes two (with and without the port) and parses the URL three times,
 * so it only runs when the first comparison fails. A malformed Host or X-Forwarded-Proto makes
 * the URL unparsable: that is a refusal, not a crash.
 */
function isValid(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  try {
    const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params));
    const given = Buffer.from(signature);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}
