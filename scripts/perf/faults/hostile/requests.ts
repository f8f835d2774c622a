// The hostile requests, by category: signed ones that carry garbage, name calls the server never
// saw or smuggle markup in; huge bodies; signatures that must fail; content types Twilio never sends.
import { randomBytes, randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";
import { STEP_NAMES } from "../../../../ivr/src/contracts/menu-steps.ts";
import { newSid } from "../../../phone/twilio-request.ts";
import * as p from "./payloads.ts";
import { baseParams, formBody, INJECTIONS, pick, randomRoute, sign, signForm, type Pairs } from "./payloads.ts";
import type { RawRequest } from "./raw-http.ts";

export interface Hostile extends RawRequest {
  category: string;
  variant: string;
  mustBe403?: boolean; // a wrong or missing signature: it must be refused
}

const FORM = "application/x-www-form-urlencoded; charset=UTF-8";

function signed(base: string, category: string, variant: string, path: string, pairs: Pairs, tail = ""): Hostile {
  const body = formBody(pairs) + tail;
  const headers = { "Content-Type": FORM, "X-Twilio-Signature": signForm(base + path, body) };
  return { category, variant, path, body, headers };
}

/** Random keys and values, too many of them, a bad or no CallSid, broken percent-encoding on the wire. */
function garbage(base: string): Hostile {
  const sid = pick(["", "CAxyz", newSid("CA") + "0".repeat(randomInt(5000)), `CA</Say><Dial>${p.MARKER_PHONE}</Dial>`]);
  const pairs = randomInt(3) ? baseParams(randomInt(2) ? newSid("CA") : sid) : [];
  const many = randomInt(30) === 0;
  for (let i = many ? randomInt(101, 160) : randomInt(16); i > 0; i--)
    pairs.push([p.randomKey(), randomInt(12) ? p.randomText() : "ä".repeat(randomInt(1_000, 30_000))]);
  const tail = randomInt(8) ? "" : pick(["&SpeechResult=%FF%FE%00", "&Digits=%E0%A4%A", "&%%%=1&&==&", "&From=%ZZ"]);
  return signed(base, "garbage", many ? "too-many-params" : tail ? "malformed" : "random", randomRoute(), pairs, tail);
}

/** Mid-call webhooks with plausible input, for calls the server never saw; shared CallSids race each other. */
const SHARED_SIDS = Array.from({ length: 16 }, () => newSid("CA"));
function unknownCall(base: string): Hostile {
  const path = pick([`/voice/step/${pick(STEP_NAMES)}`, "/voice/queue/left", "/voice/status"]);
  const input = new URLSearchParams({ Digits: pick(["1", "01031938", "015199999999"]), QueueResult: "bridged" });
  const sid = randomInt(3) ? newSid("CA") : pick(SHARED_SIDS);
  return signed(base, "unknownCall", path.split("/")[2]!, path, [...baseParams(sid), ...input]);
}

const injected = () => pick([p.speechMarker(), pick(INJECTIONS), `${pick(INJECTIONS)} ${p.speechMarker()}`]);
const injections = (sid: string): Pairs => [
  ...baseParams(sid),
  ["SpeechResult", injected()],
  ["Digits", pick([p.MARKER_DIGITS, ...INJECTIONS])],
  ["Caller", randomInt(3) ? p.MARKER_PHONE : pick(INJECTIONS)],
  ["CallerName", `MARKER-NAME-${randomInt(1e6)} ${pick(INJECTIONS)}`],
  // Into the call state and queue table with few checks: NUL (PostgreSQL text refuses it), numbers beyond int4.
  ["QueueResult", pick(["bridged\u0000", `\u0000${p.speechMarker()}`, ...INJECTIONS])],
  ["QueuePosition", pick(["4990012345678", "1e12", "2147483648", "-7"])],
];

/** Injections at a step or the queue's webhooks, or into the birth year of a call that got there. */
function injection(base: string): Hostile[] {
  const sid = newSid("CA");
  const step = (variant: string, path: string, pairs: Pairs) => signed(base, "injection", variant, path, pairs);
  const path = pick([`/voice/step/${pick(STEP_NAMES)}`, `/voice/step/${pick(STEP_NAMES)}`, "/voice/queue/wait"]);
  if (randomInt(2)) return [step(path.split("/")[2]!, path, injections(sid))];
  // A call that reaches the speech parsers: incoming, silence, 2 (book), then the injection.
  return [
    step("in-call", "/voice/incoming", baseParams(sid, "ringing")),
    step("in-call", "/voice/step/welcome", baseParams(sid)),
    step("in-call", "/voice/step/main-menu", [...baseParams(sid), ["Digits", "2"]]),
    step("in-call", `/voice/step/${pick(["birth-year", "postcode"])}`, injections(sid)),
  ];
}

/** Bodies over the 32 kB limit: 200 kB or 2 MB, chunked, as JSON, gzipped. */
function huge(base: string): Hostile {
  const path = randomRoute();
  const params = Object.fromEntries([...baseParams(), ["SpeechResult", "x".repeat(pick([200, 2048]) * 1024)]]);
  const variant = pick(["form", "form-chunked", "json", "gzip-bomb"]);
  const body = variant === "json" ? JSON.stringify(params) : formBody(Object.entries(params));
  const headers: Record<string, string> = { "Content-Type": variant === "json" ? "application/json" : FORM };
  if (variant === "gzip-bomb") headers["Content-Encoding"] = "gzip";
  if (randomInt(2)) headers["X-Twilio-Signature"] = sign(base + path, params);
  const sent = variant === "gzip-bomb" ? gzipSync(body) : body;
  return { category: "huge", variant, path, headers, body: sent, chunked: variant === "form-chunked" };
}

/** Signatures to refuse with 403: wrong token or URL, tampered bodies, headers that lie about the URL. */
function badSignature(base: string): Hostile {
  const path = randomRoute();
  const body = formBody([...baseParams(), ["Digits", "1"]]);
  const good = signForm(base + path, body);
  // Each variant: the signature (none if undefined), the body if not the signed one, more headers.
  const [variant, signature, sent = body, extra = {}] = pick<[string, string?, string?, Record<string, string>?]>([
    ["other-token", signForm(base + path, body, "some-other-twilio-auth-token-98765")],
    ["other-url", signForm(`https://hotline.example.de${path}`, body)],
    ["missing"],
    ["garbage", randomBytes(randomInt(64)).toString("base64")],
    ["tampered-value", good, body.replace("Digits=1", "Digits=9")],
    ["added-param", good, `${body}&SpeechResult=${encodeURIComponent("</Say><Dial>+4990012345678</Dial>")}`],
    ["bad-host", good, body, { Host: pick(["bad host", "127.0.0.1:abc def", "[::1", "%%%"]) }],
    ["bad-forwarded-proto", good, body, { "X-Forwarded-Proto": pick(["ht tp", "javascript:alert(1)//"]) }],
  ]);
  const headers: Record<string, string> = { "Content-Type": FORM, ...extra };
  if (signature !== undefined) headers["X-Twilio-Signature"] = signature;
  return { category: "badSignature", variant, path, headers, body: sent, mustBe403: true };
}

/** Content types Twilio never sends: the server must refuse them or treat the body as absent. */
function contentType(base: string): Hostile {
  const path = randomRoute();
  const fields: Record<string, string> = { ...Object.fromEntries(baseParams()), Digits: "1", SpeechResult: "drei" };
  const [json, form] = ["application/json", formBody(Object.entries(fields))];
  const proto = `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"CallSid":"${fields.CallSid}"}`;
  const depth = randomInt(5_000, 30_000); // nesting that stays under the 64 kB JSON limit
  // Each variant: the type, the body, what is signed (none if undefined), whether it must be refused.
  const [variant, type, body, signedOver, mustBe403] = pick<[string, string, string, object?, boolean?]>([
    ["json-signed", json, JSON.stringify(fields), fields],
    ["json-malformed", json, `{"CallSid": "${fields.CallSid}", "Digits": `],
    ["json-deep", json, `{"Digits":${"[".repeat(depth)}1${"]".repeat(depth)}}`, { nonce: newSid("CA") }, true],
    ["json-proto", json, proto, JSON.parse(proto) as object],
    ["text-form", "text/plain", form, fields, true],
    ["multipart", "multipart/form-data; boundary=x", `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1`, {}],
    ["no-content-type", "", form, {}],
    ["bad-charset", "application/x-www-form-urlencoded; charset=koi8-r", form, fields],
  ]);
  const headers: Record<string, string> = type ? { "Content-Type": type } : {};
  if (signedOver) headers["X-Twilio-Signature"] = sign(base + path, signedOver);
  return { category: "contentType", variant, path, headers, body, mustBe403 };
}

/** How often each category is drawn, in 20ths (huge bodies are slow to send). */
const WEIGHTS = { garbage: 5, unknownCall: 3, injection: 4, huge: 1, badSignature: 4, contentType: 3 };
const BUILDERS = { garbage, unknownCall, injection, huge, badSignature, contentType };

export function nextJob(base: string): Hostile[] {
  let r = randomInt(20);
  const [category] = Object.entries(WEIGHTS).find(([, weight]) => (r -= weight) < 0)!;
  return [BUILDERS[category as keyof typeof WEIGHTS](base)].flat();
}
