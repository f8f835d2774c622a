// Every /voice request must be signed by Twilio with our auth token. The URL Twilio signed is
// the public one: PUBLIC_BASE_URL when we run behind a proxy, else what the request says.
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

/** A malformed Host or X-Forwarded-Proto makes the URL unparsable: that is a refusal, not a crash. */
function isValid(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}
