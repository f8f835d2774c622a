// Categories e-g: bodies far over the limits, signatures that must not pass, and content types
// Twilio never sends.
import { randomBytes, randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";
import { newSid } from "../../../phone/twilio-request.ts";
import { MARKER_PHONE } from "./payloads.ts";
import { baseParams, FORM, UA, type Hostile, type Target } from "./request.ts";
import { pick, randomRoute } from "./routes.ts";
import { formBody, OTHER_TOKEN, sign, signForm } from "./signing.ts";

const SIZES = [200 * 1024, 200 * 1024, 200 * 1024, 2 * 1024 * 1024];

export function huge(t: Target): Hostile {
  const route = randomRoute();
  const size = pick(SIZES);
  const variant = pick(["form", "form", "form-chunked", "json", "gzip-bomb", "many-params"]);
  const headers: Record<string, string> = { "Content-Type": FORM, "User-Agent": UA };
  const params = Object.fromEntries(baseParams());
  let body: string | Buffer;
  if (variant === "json") {
    body = JSON.stringify({ ...params, SpeechResult: "ä".repeat(size / 2) });
    headers["Content-Type"] = "application/json";
  } else if (variant === "many-params")
    body = Array.from({ length: randomInt(101, 5000) }, (_, i) => `p${i}=1`).join("&");
  else body = formBody([...baseParams(params.CallSid), ["SpeechResult", "x".repeat(size)]]);
  const signed = randomInt(2) === 0;
  if (signed) {
    const url = t.baseUrl + route.path;
    headers["X-Twilio-Signature"] =
      variant === "json" ? sign(url, JSON.parse(body) as Record<string, unknown>) : signForm(url, body);
  }
  if (variant === "gzip-bomb") {
    body = gzipSync(body);
    headers["Content-Encoding"] = "gzip";
  }
  const name = `e.${variant}${variant.startsWith("form") ? `-${size >> 10}k` : ""}${signed ? "-signed" : ""}`;
  const chunked = variant === "form-chunked";
  return {
    category: "e",
    variant: name,
    method: "POST",
    path: route.path,
    headers,
    body,
    chunked,
    allowed: [413, 400],
    mustBe403: false,
    dialAllowed: route.dialAllowed,
  };
}

/** Signatures that must be refused with 403: wrong token, wrong URL, tampered, missing, and lying Host headers. */
export function badSignature(t: Target): Hostile {
  const route = randomRoute();
  const url = t.baseUrl + route.path;
  const body = formBody([...baseParams(), ["Digits", "1"]]);
  const signature = (headers: Record<string, string>) => ({
    ...headers,
    "X-Twilio-Signature": headers["X-Twilio-Signature"] ?? signForm(url, body),
  });
  // Each variant: the headers added to the form's, and the body sent (default: the signed one).
  const variants: Record<string, () => [Record<string, string>, string?]> = {
    "other-token": () => [{ "X-Twilio-Signature": signForm(url, body, OTHER_TOKEN) }],
    "other-url": () => [
      {
        "X-Twilio-Signature": signForm(
          t.baseUrl + (route.path === "/voice/incoming" ? "/voice/status" : "/voice/incoming"),
          body,
        ),
      },
    ],
    "other-host": () => [{ "X-Twilio-Signature": signForm(`https://hotline.example.de${route.path}`, body) }],
    "https-url": () => [{ "X-Twilio-Signature": signForm(url.replace("http:", "https:"), body) }],
    "missing-header": () => [{}],
    "empty-header": () => [{ "X-Twilio-Signature": "" }],
    "garbage-header": () => [{ "X-Twilio-Signature": randomBytes(randomInt(1, 64)).toString("base64") }],
    "long-header": () => [{ "X-Twilio-Signature": "A".repeat(8000) }],
    "tampered-value": () => [signature({}), body.replace("Digits=1", "Digits=9")],
    "added-param": () => [
      signature({}),
      `${body}&SpeechResult=${encodeURIComponent("</Say><Dial>+4990012345678</Dial>")}`,
    ],
    "removed-param": () => [signature({}), body.replace(/&Digits=1$/, "")],
    // Signed for the real URL, but the Host header makes the server's URL unparseable.
    "bad-host-header": () => [signature({ Host: pick(["bad host", "127.0.0.1:abc def", "[::1", "%%%"]) })],
    "bad-forwarded-proto": () => [
      signature({ "X-Forwarded-Proto": pick(["ht tp", "javascript:alert(1)//", "1http", "h\ttp"]) }),
    ],
    "lowercase-signature": () => [{ "X-Twilio-Signature": signForm(url, body).toLowerCase() }],
  };
  const variant = pick(Object.keys(variants));
  const [extra, sent = body] = variants[variant]!();
  const headers = { "Content-Type": FORM, "User-Agent": UA, ...extra };
  return {
    category: "f",
    variant: `f.${variant}`,
    method: "POST",
    path: route.path,
    headers,
    body: sent,
    allowed: [403],
    mustBe403: true,
    dialAllowed: route.dialAllowed,
  };
}

function multipart(fields: Record<string, string>): { body: string; type: string } {
  const boundary = `----fault${randomBytes(8).toString("hex")}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { body: `${parts.join("")}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

interface Shape {
  type: string;
  body?: string;
  /** What the signature is made over; undefined: the request is sent without one. */
  signed?: Record<string, unknown>;
  mustBe403?: boolean;
  allowed?: number[];
}

/** Content types Twilio never sends. The server must refuse them, or treat the body as absent. */
export function wrongContentType(t: Target): Hostile {
  const route = randomRoute();
  const fields: Record<string, string> = {
    ...Object.fromEntries(baseParams()),
    Digits: "1",
    SpeechResult: "drei drei drei drei null",
  };
  const json = "application/json";
  const proto = `{"__proto__":{"CallSid":"${newSid("CA")}","isAdmin":true},"constructor":{"prototype":{"x":1}},"CallSid":"${fields.CallSid}"}`;
  const numbers = { CallSid: 12345, Digits: 1, From: 4915199999999, SpeechResult: null, x: { y: [1, { z: true }] } };
  const variants: Record<string, () => Shape> = {
    "json-signed": () => ({ type: json, body: JSON.stringify(fields), signed: fields }),
    "json-numbers": () => ({ type: json, body: JSON.stringify(numbers), signed: numbers }),
    "json-array": () => ({
      type: json,
      body: JSON.stringify([fields, 1, "x"]),
      signed: [fields, 1, "x"] as unknown as Record<string, unknown>,
    }),
    "json-malformed": () => ({ type: json, body: `{"CallSid": "${fields.CallSid}", "Digits": `, allowed: [400] }),
    // Deep nesting under the 64 kB JSON limit: recursion in whatever walks the parameters. A
    // random signature is present, so it is checked (and must fail).
    "json-deep": () => {
      const depth = randomInt(5_000, 30_000);
      const body = `{"CallSid":"${fields.CallSid}","Digits":${"[".repeat(depth)}1${"]".repeat(depth)}}`;
      return { type: json, body, mustBe403: true, allowed: [400, 403, 413] };
    },
    "json-proto": () => ({ type: json, body: proto, signed: JSON.parse(proto) as Record<string, unknown> }),
    "text-signed-empty": () => ({ type: "text/plain", signed: {} }),
    "text-signed-form": () => ({ type: "text/plain", signed: fields, mustBe403: true, allowed: [403] }),
    "multipart-signed-empty": () => ({ ...multipart(fields), signed: {} }),
    "multipart-signed-fields": () => ({ ...multipart(fields), signed: fields, mustBe403: true, allowed: [403] }),
    xml: () => ({ type: "application/xml", body: `<Response><Dial>${MARKER_PHONE}</Dial></Response>`, signed: {} }),
    "no-content-type": () => ({ type: "", signed: {} }),
    latin1: () => ({ type: "application/x-www-form-urlencoded; charset=iso-8859-1", signed: fields }),
    "bad-charset": () => ({
      type: "application/x-www-form-urlencoded; charset=koi8-r",
      signed: fields,
      allowed: [415],
    }),
    "octet-stream": () => ({
      type: "application/octet-stream",
      body: randomBytes(randomInt(1, 4096)).toString("latin1"),
      signed: {},
    }),
  };
  const variant = pick(Object.keys(variants));
  const shape = variants[variant]!();
  const headers: Record<string, string> = { "User-Agent": UA };
  if (shape.type) headers["Content-Type"] = shape.type;
  if (variant === "json-deep") headers["X-Twilio-Signature"] = randomBytes(20).toString("base64");
  else if (shape.signed) headers["X-Twilio-Signature"] = sign(t.baseUrl + route.path, shape.signed);
  return {
    category: "g",
    variant: `g.${variant}`,
    method: "POST",
    path: route.path,
    headers,
    body: shape.body ?? formBody(Object.entries(fields)),
    allowed: shape.allowed ?? [route.status, 400, 415],
    mustBe403: shape.mustBe403 ?? false,
    dialAllowed: route.dialAllowed,
  };
}
