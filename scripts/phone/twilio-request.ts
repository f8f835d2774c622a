// What makes a request look like it came from Twilio: SIDs of the right shape, the standard
// voice parameters, and the X-Twilio-Signature header.
import { randomBytes } from "node:crypto";
import twilio from "twilio";

/** Form fields of a webhook request; Twilio sends every value as a string. */
export type TwilioParams = Record<string, string>;

/** HMAC-SHA1 over the public URL and the sorted fields, from the twilio package so it cannot drift from validateRequest. */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** A SID as Twilio makes them: two-letter prefix + 32 lowercase hex digits. */
export function newSid(prefix: "CA" | "RE" | "QU" | "AC"): string {
  return prefix + randomBytes(16).toString("hex");
}

export type CallIdentity = { callSid: string; accountSid: string; from: string; to: string };

/** Parameters Twilio sends with every voice webhook of a call (of the geo fields, the countries). */
export function standardParams(call: CallIdentity, callStatus: string): TwilioParams {
  const country = (number: string) => (number.startsWith("+49") ? "DE" : "");
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
    FromCountry: country(call.from),
    ToCountry: country(call.to),
  };
}
