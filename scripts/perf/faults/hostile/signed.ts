// Categories a-d: correctly signed requests that carry garbage, miss fields, name calls the
// server never saw, or smuggle markup into SpeechResult, Digits and From.
import { randomBytes, randomInt } from "node:crypto";
import { newSid } from "../../../phone/twilio-request.ts";
import {
  INJECTIONS,
  MARKER_DIGITS,
  MARKER_NAME_PREFIX,
  MARKER_PHONE,
  randomKey,
  randomText,
  speechMarker,
} from "./payloads.ts";
import { baseParams, signedForm, type Hostile, type Pairs, type Target } from "./request.ts";
import { INPUT_STEPS, pick, randomRoute } from "./routes.ts";

export function garbage(t: Target): Hostile {
  const pairs: Pairs = randomInt(2) ? baseParams() : [];
  const many = randomInt(30) === 0;
  for (let i = many ? randomInt(101, 160) : randomInt(1, 16); i > 0; i--) {
    const long = randomInt(12) === 0;
    pairs.push([randomKey(), long ? randomText(30_000).padEnd(randomInt(1_000, 30_000), "ä") : randomText()]);
  }
  if (randomInt(3) === 0) pairs.push(["Digits", String(randomInt(10))], ["Digits", String(randomInt(10))]); // duplicated key
  if (randomInt(4) === 0) pairs.push(["Digits[]", "1"], ["CallSid[]", newSid("CA")]);
  if (randomInt(6) === 0)
    pairs.push(["QueuePosition", String(randomInt(-5, 1e9))], ["QueueTime", "1e309"], ["CallDuration", "-7"]);
  // Malformed percent-encoding and bare separators, as raw bytes on the wire.
  const malformed = [
    "&SpeechResult=%FF%FE%00",
    "&Digits=%E0%A4%A",
    "&%%%=1&&==&",
    "&From=%2B49%ZZ151",
    "&CallSid=CA%00",
  ];
  const raw = randomInt(8) === 0 ? pick(malformed) : "";
  const long = pairs.some(([, v]) => v.length > 1000);
  const variant = many ? "a.too-many-params" : raw ? "a.malformed-encoding" : long ? "a.long-values" : "a.random";
  return signedForm(t, "a", variant, randomRoute(), pairs, raw);
}

export function missing(t: Target): Hostile {
  const without = baseParams().filter(([k]) => k !== "CallSid");
  const variants: Record<string, Pairs> = {
    "empty-body": [],
    "no-callsid": without,
    "callsid-xyz": [["CallSid", "CAxyz"], ...without],
    "callsid-empty": [["CallSid", ""], ...without],
    "callsid-long": [["CallSid", `${newSid("CA")}${"0".repeat(randomInt(1, 5000))}`], ...without],
    "callsid-array": [["CallSid", newSid("CA")], ["CallSid", newSid("CA")], ...without],
    "callsid-markup": [["CallSid", `CA</Say><Dial>${MARKER_PHONE}</Dial>`], ...without],
    "only-callsid": [["CallSid", newSid("CA")]],
  };
  const variant = pick(Object.keys(variants));
  return signedForm(t, "b", `b.${variant}`, randomRoute(), variants[variant]!);
}

/** A few CallSids shared by concurrent requests: the same call's webhooks racing each other. */
const SHARED_SIDS = Array.from({ length: 16 }, () => newSid("CA"));
const RECORDING = () => `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/${newSid("RE")}`;
/** Webhooks in the middle of a call, with the input each step expects. */
const MID_FLOW: [string, () => Pairs][] = [
  ["/voice/step/confirm", () => [["Digits", "1"]]],
  ["/voice/step/offer", () => [["Digits", "1"]]],
  ["/voice/step/offer", () => [["Digits", "3"]]],
  ["/voice/step/alternatives", () => [["Digits", "2"]]],
  ["/voice/step/birth-date", () => [["Digits", "01031938"]]],
  [
    "/voice/step/name",
    () => [
      ["RecordingUrl", RECORDING()],
      ["RecordingDuration", "3"],
    ],
  ],
  ["/voice/step/cancel-confirm", () => [["Digits", "1"]]],
  ["/voice/step/code-menu", () => [["Digits", "2"]]],
  ["/voice/step/code-entry", () => [["Digits", "775766728394"]]],
  ["/voice/step/booked", () => [["Digits", "2"]]],
  ["/voice/step/callback-number-entry", () => [["Digits", "015199999999"]]],
  ["/voice/step/callback-offer", () => [["Digits", "1"]]],
  [
    "/voice/queue/left",
    () => [
      ["QueueResult", "bridged"],
      ["QueueTime", "30"],
    ],
  ],
  [
    "/voice/queue/wait",
    () => [
      ["QueuePosition", "3"],
      ["QueueTime", "12"],
    ],
  ],
  ["/voice/callback/answer?request=1", () => []],
  ["/voice/fallback/choice", () => [["Digits", "1"]]],
  ["/voice/fallback/number", () => [["Digits", "015199999999"]]],
  [
    "/voice/status",
    () => [
      ["CallStatus", "completed"],
      ["CallDuration", "42"],
    ],
  ],
  ["/voice/callback/status", () => [["CallStatus", "no-answer"]]],
];

export function unknownCall(t: Target): Hostile {
  const sid = randomInt(3) === 0 ? pick(SHARED_SIDS) : newSid("CA");
  const [path, input] = pick(MID_FLOW);
  const route = { path, status: path.endsWith("/status") ? (204 as const) : (200 as const), dialAllowed: false };
  return signedForm(t, "c", `c.${path.split("?")[0]!.split("/").slice(2).join("/")}`, route, [
    ...baseParams(sid),
    ...input(),
  ]);
}

const injected = () =>
  randomInt(3) === 0 ? `${pick(INJECTIONS)} ${speechMarker()}` : randomInt(2) ? speechMarker() : pick(INJECTIONS);

function injectionPairs(sid: string): Pairs {
  const pairs = baseParams(sid).filter(([k]) => randomInt(3) > 0 || (k !== "From" && k !== "Caller"));
  pairs.push(["SpeechResult", injected()], ["Confidence", "0.93"]);
  if (randomInt(2)) pairs.push(["Digits", randomInt(2) ? MARKER_DIGITS : pick(INJECTIONS)]);
  if (randomInt(3) === 0) pairs.push(["From", pick(INJECTIONS)], ["Caller", pick(INJECTIONS)]);
  if (randomInt(3) === 0)
    pairs.push(["CallerName", `${MARKER_NAME_PREFIX}${randomBytes(4).toString("hex")} ${pick(INJECTIONS)}`]);
  if (randomInt(4) === 0)
    pairs.push(["UnstableSpeechResult", injected()], ["RecordingUrl", `https://evil.example/${pick(INJECTIONS)}`]);
  return pairs;
}

/** Injections at a random input step, into the queue's numbers, or as the birth year of a call that got that far. */
export function injection(t: Target): Hostile[] {
  const sid = newSid("CA");
  const at = (path: string) => ({ path, status: 200 as const, dialAllowed: false });
  if (randomInt(8) === 0) {
    // The queue's numbers and QueueResult go into the call state and the queue table with few
    // checks: NUL (which PostgreSQL text refuses), markup, numbers beyond int4.
    const huge = () => pick(["7", "4990012345678", "1e12", "2147483648"]);
    if (randomInt(3) === 0)
      return [
        signedForm(t, "d", "d.queue-position", at("/voice/queue/wait"), [
          ...baseParams(sid),
          ["QueuePosition", huge()],
          ["QueueTime", huge()],
        ]),
      ];
    const result = pick([
      `\u0000${speechMarker()}`,
      `bridged\u0000`,
      pick(INJECTIONS),
      `${MARKER_PHONE}\\u0000`,
      "bridged",
      "hangup",
    ]);
    return [
      signedForm(t, "d", "d.queue-left", at("/voice/queue/left"), [
        ...baseParams(sid),
        ["QueueResult", result],
        ["QueueTime", huge()],
      ]),
    ];
  }
  if (randomInt(3) > 0) {
    const route = randomInt(4) === 0 ? randomRoute() : at(`/voice/step/${pick(INPUT_STEPS)}`);
    return [signedForm(t, "d", "d.single", route, injectionPairs(sid))];
  }
  // A call that reaches the speech parsers: incoming, silence, 2 (book), then the injection.
  const step = (path: string, pairs: Pairs) => signedForm(t, "d", "d.in-call", at(path), pairs);
  return [
    step("/voice/incoming", baseParams(sid, "ringing")),
    step("/voice/step/welcome", baseParams(sid)),
    step("/voice/step/main-menu", [...baseParams(sid), ["Digits", "2"]]),
    step(`/voice/step/${pick(["birth-year", "birth-year", "postcode"])}`, injectionPairs(sid)),
  ];
}
