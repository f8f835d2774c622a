// Every /voice request must be signed by Twilio with our auth token. The URL Twilio signed is
// the public one: PUBLIC_BASE_URL when we run behind a proxy, else what the request says.
import { timingSafeEqual } from "node:crypto";
import twilio from "twilio";

/**
 * The URL as we see it is almost always the URL Twilio signed: one HMAC settles it.
 * validateRequest computes two (with and without the port) and parses the URL three times,
 * so it only runs when the first comparison fails. A malformed Host or X-Forwarded-Proto makes
 * the URL unparsable: that is a refusal, not a crash.
 */
export function signatureIsValid(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, string | string[]>,
): boolean {
  try {
    const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params as Record<string, string>));
    const given = Buffer.from(signature);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
    return twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
  } catch {
    return false;
  }
}
