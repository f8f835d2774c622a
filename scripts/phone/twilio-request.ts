// What makes a request look like it came from Twilio: SIDs of the right
// shape, the standard voice parameters, and the X-Twilio-Signature header.
import { randomBytes } from "node:crypto";
import twilio from "twilio";

/** Form fields of a webhook request; Twilio sends every value as a string. */
export type TwilioParams = Record<string, string>;

/**
 * The X-Twilio-Signature value for a request: HMAC-SHA1 over the public URL
 * (with query string) followed by the sorted POST fields, keyed with the
 * auth token. Delegates to the twilio package so it cannot drift from what
 * the server's validateRequest expects. For GET requests pass `{}` as params.
 */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** A SID as Twilio makes them: two-letter prefix + 32 lowercase hex digits. */
export function newSid(prefix: "CA" | "RE" | "QU" | "AC"): string {
  return prefix + randomBytes(16).toString("hex");
}

export interface CallIdentity {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
}

/** Parameters Twilio sends with every voice webhook of a call; the geo fields other than the country stay empty. */
export function standardParams(call: CallIdentity, callStatus: string): TwilioParams {
  const geo = (who: string, number: string) => ({
    [`${who}Country`]: COUNTRIES.find(([prefix]) => number.startsWith(prefix))?.[1] ?? "",
    [`${who}City`]: "",
    [`${who}State`]: "",
    [`${who}Zip`]: "",
  });
  return {
    CallSid: call.callSid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    Caller: call.from,
    Called: call.to,
    CallStatus: callStatus,
    Direction: "inbound",
    ApiVersion: "2010-04-01",
    ...geo("From", call.from),
    ...geo("Caller", call.from),
    ...geo("To", call.to),
    ...geo("Called", call.to),
  };
}

/** Twilio geo-locates numbers; the emulator only needs to know the few we dial. */
const COUNTRIES = [
  ["+49", "DE"],
  ["+43", "AT"],
  ["+41", "CH"],
  ["+1", "US"],
  ["+44", "GB"],
] as const;
