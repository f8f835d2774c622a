// A hostile request: what is sent, which category it belongs to, and what the server may answer.
import type { RawRequest } from "./http-client.ts";

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

/** A job is one request, or a few that belong to one call and run in order. */
export type Job = Hostile[];

export interface Target {
  port: number;
  /** http://127.0.0.1:<port>: what the server reconstructs from the Host header and signs against. */
  baseUrl: string;
}

export const FORM = "application/x-www-form-urlencoded; charset=UTF-8";
export const UA = "TwilioProxy/1.1 (fault-hostile)";
