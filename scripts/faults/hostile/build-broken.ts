// Categories e-g: bodies far over the limits, signatures that must not pass, and content
// types Twilio never sends.
import { randomBytes, randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";
import { newSid, standardParams } from "../../phone/twilio-request.ts";
import { MARKER_PHONE, pick } from "./payloads.ts";
import { randomRoute } from "./routes.ts";
import { OTHER_TOKEN, formBody, sign, signForm } from "./signing.ts";
import { FORM, UA, type Hostile, type Target } from "./types.ts";

const params = (sid = newSid("CA")) =>
  standardParams(
    { callSid: sid, accountSid: "AC00000000000000000000000000000000", from: MARKER_PHONE, to: "+49800116117" },
    "in-progress",
  );
const pairsOf = (p: Record<string, string>): [string, string][] => Object.entries(p);

const SIZES = [200 * 1024, 200 * 1024, 200 * 1024, 2 * 1024 * 1024];

export function huge(t: Target): Hostile {
  const route = randomRoute();
  const size = pick(SIZES);
  const variant = pick(["form", "form", "form-chunked", "json", "gzip-bomb", "many-params"]);
  const headers: Record<string, string> = { "Content-Type": FORM, "User-Agent": UA };
  let body: string | Buffer;
  if (variant === "json") {
    body = JSON.stringify({ ...params(), SpeechResult: "ä".repeat(size / 2) });
    headers["Content-Type"] = "application/json";
  } else if (variant === "many-params") {
    body = Array.from({ length: randomInt(101, 5000) }, (_, i) => `p${i}=1`).join("&");
  } else {
    body = formBody([...pairsOf(params()), ["SpeechResult", "x".repeat(size)]]);
  }
  const signed = randomInt(2) === 0;
  if (signed)
    headers["X-Twilio-Signature"] =
      variant === "json"
        ? sign(t.baseUrl + route.path, JSON.parse(body) as Record<string, unknown>)
        : signForm(t.baseUrl + route.path, body);
  if (variant === "gzip-bomb") {
    body = gzipSync(body);
    headers["Content-Encoding"] = "gzip";
  }
  return {
    category: "e",
    variant: `e.${variant}${variant.startsWith("form") ? `-${size >> 10}k` : ""}${signed ? "-signed" : ""}`,
    method: "POST",
    path: route.path,
    headers,
    body,
    chunked: variant === "form-chunked",
    allowed: [413, 400],
    mustBe403: false,
    dialAllowed: route.dialAllowed,
  };
}

/** Signatures that must be refused with 403: wrong token, wrong URL, tampered, missing, and lying Host headers. */
export function badSignature(t: Target): Hostile {
  const route = randomRoute();
  const url = t.baseUrl + route.path;
  const pairs = [...pairsOf(params()), ["Digits", "1"]] as [string, string][];
  const body = formBody(pairs);
  const headers: Record<string, string> = { "Content-Type": FORM, "User-Agent": UA };
  const variant = pick([
    "other-token",
    "other-url",
    "other-host",
    "https-url",
    "missing-header",
    "empty-header",
    "garbage-header",
    "long-header",
    "tampered-value",
    "added-param",
    "removed-param",
    "bad-host-header",
    "bad-forwarded-proto",
    "lowercase-signature",
  ]);
  let sent = body;
  switch (variant) {
    case "other-token":
      headers["X-Twilio-Signature"] = signForm(url, body, OTHER_TOKEN);
      break;
    case "other-url":
      headers["X-Twilio-Signature"] = signForm(
        t.baseUrl + (route.path === "/voice/incoming" ? "/voice/status" : "/voice/incoming"),
        body,
      );
      break;
    case "other-host":
      headers["X-Twilio-Signature"] = signForm(`https://hotline.example.de${route.path}`, body);
      break;
    case "https-url":
      headers["X-Twilio-Signature"] = signForm(url.replace("http:", "https:"), body);
      break;
    case "missing-header":
      break;
    case "empty-header":
      headers["X-Twilio-Signature"] = "";
      break;
    case "garbage-header":
      headers["X-Twilio-Signature"] = randomBytes(randomInt(1, 64)).toString("base64");
      break;
    case "long-header":
      headers["X-Twilio-Signature"] = "A".repeat(8000);
      break;
    case "tampered-value":
      headers["X-Twilio-Signature"] = signForm(url, body);
      sent = body.replace("Digits=1", "Digits=9");
      break;
    case "added-param":
      headers["X-Twilio-Signature"] = signForm(url, body);
      sent = `${body}&SpeechResult=${encodeURIComponent("</Say><Dial>+4990012345678</Dial>")}`;
      break;
    case "removed-param":
      headers["X-Twilio-Signature"] = signForm(url, body);
      sent = body.replace(/&Digits=1$/, "");
      break;
    case "bad-host-header":
      // Signed for the real URL, but the Host header makes the server's URL unparseable.
      headers["X-Twilio-Signature"] = signForm(url, body);
      headers.Host = pick(["bad host", "127.0.0.1:abc def", "[::1", "%%%"]);
      break;
    case "bad-forwarded-proto":
      headers["X-Twilio-Signature"] = signForm(url, body);
      headers["X-Forwarded-Proto"] = pick(["ht tp", "javascript:alert(1)//", "1http", "h\ttp"]);
      break;
    case "lowercase-signature":
      headers["X-Twilio-Signature"] = signForm(url, body).toLowerCase();
      break;
  }
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

/** Content types Twilio never sends. The server must refuse them, or treat the body as absent. */
export function wrongContentType(t: Target): Hostile {
  const route = randomRoute();
  const url = t.baseUrl + route.path;
  const fields: Record<string, string> = { ...params(), Digits: "1", SpeechResult: "drei drei drei drei null" };
  const variant = pick([
    "json-signed",
    "json-numbers",
    "json-array",
    "json-malformed",
    "json-deep",
    "json-proto",
    "text-signed-empty",
    "text-signed-form",
    "multipart-signed-empty",
    "multipart-signed-fields",
    "xml",
    "no-content-type",
    "latin1",
    "bad-charset",
    "octet-stream",
  ]);
  const form = formBody(pairsOf(fields));
  let type = FORM;
  let body: string = form;
  let signed: Record<string, unknown> = {};
  let mustBe403 = false;
  let allowed = [route.status, 400, 415];
  switch (variant) {
    case "json-signed":
      type = "application/json";
      body = JSON.stringify(fields);
      signed = fields;
      break;
    case "json-numbers":
      type = "application/json";
      signed = { CallSid: 12345, Digits: 1, From: 4915199999999, SpeechResult: null, x: { y: [1, { z: true }] } };
      body = JSON.stringify(signed);
      break;
    case "json-array":
      type = "application/json";
      signed = [fields, 1, "x"] as unknown as Record<string, unknown>;
      body = JSON.stringify(signed);
      break;
    case "json-malformed":
      type = "application/json";
      body = `{"CallSid": "${fields.CallSid}", "Digits": `;
      allowed = [400];
      break;
    case "json-deep": {
      // Deep nesting under the 64 kB JSON limit: recursion in whatever walks the parameters.
      const depth = randomInt(5_000, 30_000);
      type = "application/json";
      body = `{"CallSid":"${fields.CallSid}","Digits":${"[".repeat(depth)}1${"]".repeat(depth)}}`;
      mustBe403 = true; // unsigned
      allowed = [400, 403, 413];
      break;
    }
    case "json-proto":
      type = "application/json";
      body = `{"__proto__":{"CallSid":"${newSid("CA")}","isAdmin":true},"constructor":{"prototype":{"x":1}},"CallSid":"${fields.CallSid}"}`;
      signed = JSON.parse(body) as Record<string, unknown>;
      break;
    case "text-signed-empty":
      type = "text/plain";
      break;
    case "text-signed-form":
      type = "text/plain";
      signed = fields;
      mustBe403 = true;
      allowed = [403];
      break;
    case "multipart-signed-empty":
      ({ body, type } = multipart(fields));
      break;
    case "multipart-signed-fields":
      ({ body, type } = multipart(fields));
      signed = fields;
      mustBe403 = true;
      allowed = [403];
      break;
    case "xml":
      type = "application/xml";
      body = `<Response><Dial>${MARKER_PHONE}</Dial></Response>`;
      break;
    case "no-content-type":
      type = "";
      break;
    case "latin1":
      type = "application/x-www-form-urlencoded; charset=iso-8859-1";
      signed = fields;
      break;
    case "bad-charset":
      type = "application/x-www-form-urlencoded; charset=koi8-r";
      signed = fields;
      allowed = [415];
      break;
    case "octet-stream":
      type = "application/octet-stream";
      body = randomBytes(randomInt(1, 4096)).toString("latin1");
      break;
  }
  const headers: Record<string, string> = { "User-Agent": UA };
  if (type) headers["Content-Type"] = type;
  if (variant === "json-deep")
    headers["X-Twilio-Signature"] = randomBytes(20).toString("base64"); // present, so it is checked
  else if (variant !== "json-malformed") headers["X-Twilio-Signature"] = sign(url, signed);
  return {
    category: "g",
    variant: `g.${variant}`,
    method: "POST",
    path: route.path,
    headers,
    body,
    allowed,
    mustBe403,
    dialAllowed: route.dialAllowed,
  };
}
