// A hostile request: what is sent, which category it belongs to, and what the server may answer;
// and the signed form POST most categories start from.
import { newSid, standardParams } from "../../../phone/twilio-request.ts";
import { MARKER_PHONE } from "./payloads.ts";
import type { RawRequest } from "./raw-client.ts";
import type { Route } from "./routes.ts";
import { formBody, signForm } from "./signing.ts";

export const CATEGORIES = {
  a: "valid signature, random/garbage parameters",
  b: "valid signature, missing/malformed CallSid, empty body",
  c: "valid signature, unknown CallSid mid-flow",
  d: "valid signature, injected markup/SQL/SSML",
  e: "huge bodies (200 kB - 2 MB, gzip, many params)",
  f: "wrong/missing/misdirected signature",
  g: "wrong content types",
} as const;
export type Category = keyof typeof CATEGORIES;

export interface Hostile extends RawRequest {
  category: Category;
  variant: string;
  /** Statuses a correct server may answer; anything else is reported (5xx always fails). */
  allowed: number[];
  /** Wrong or missing signature: anything but 403 fails. */
  mustBe403: boolean;
  /** <Dial><Client> is expected only from the agent routes. */
  dialAllowed: boolean;
}

/** http://127.0.0.1:<port>: what the server reconstructs from the Host header and signs against. */
export interface Target {
  port: number;
  baseUrl: string;
}

export type Pairs = [string, string][];
export const FORM = "application/x-www-form-urlencoded; charset=UTF-8";
export const UA = "TwilioProxy/1.1 (fault-hostile)";

/** The parameters Twilio sends with every webhook of a call from MARKER_PHONE. */
export const baseParams = (callSid = newSid("CA"), status = "in-progress"): Pairs =>
  Object.entries(
    standardParams(
      { callSid, accountSid: "AC00000000000000000000000000000000", from: MARKER_PHONE, to: "+49800116117" },
      status,
    ),
  );

/** A signed form POST; `allowed` is what the route answers, or 413 for bodies over the 32 kB or 100-field limits. */
export function signedForm(
  t: Target,
  category: Category,
  variant: string,
  route: Route,
  pairs: Pairs,
  rawTail = "",
): Hostile {
  const body = formBody(pairs) + rawTail;
  const tooBig = Buffer.byteLength(body) > 32 * 1024 || pairs.length > 100;
  return {
    category,
    variant,
    method: "POST",
    path: route.path,
    body,
    headers: { "Content-Type": FORM, "X-Twilio-Signature": signForm(t.baseUrl + route.path, body), "User-Agent": UA },
    allowed: tooBig ? [413] : [route.status],
    mustBe403: false,
    dialAllowed: route.dialAllowed,
  };
}
