// Judges one answer: 5xx, TwiML that Twilio would refuse, a wrong signature let through,
// internals leaked into a body, and markup from our input turned into TwiML. The TwiML is read
// with the call emulator's own strict parsers.
import { loadConfig } from "../../../../ivr/src/config.ts";
import { CODE_GROUP_BREAK } from "../../../../ivr/src/transport/voice/render-twiml.ts";
import { parseTwiml } from "../../../phone/twiml-verbs.ts";
import { parseXml, type XmlElement } from "../../../phone/twiml-xml.ts";
import { REFLECTION_FRAGMENTS } from "./payloads.ts";
import type { RawResponse } from "./raw-client.ts";
import type { Hostile } from "./request.ts";

/** Problems that fail the run first, then the ones reported as warnings. */
export const FATAL = ["serverError", "noAnswer", "invalidTwiml", "wrongSignatureNot403", "leak", "injection"] as const;
export type Problem = (typeof FATAL)[number] | "unexpectedStatus" | "reflected" | "apology";
export const isFatal = (p: string) => (FATAL as readonly string[]).includes(p);

/** Elements the hotline's renderer produces; anything else in a response came from somewhere else. */
const ALLOWED = new Set([
  "Response",
  "Say",
  "prosody",
  "break",
  "Gather",
  "Pause",
  "Redirect",
  "Record",
  "Enqueue",
  "Dial",
  "Client",
  "Conference",
  "Hangup",
  "Leave",
  "Play",
]);
/** The only audio the hotline plays: its hold music, as the server under test is configured. */
const HOLD_MUSIC = loadConfig({}).HOLD_MUSIC_URL;
// Our own URLs: a path of ours, with at most one of our query parameters (the session version the
// answer was saved as, or the retry markers).
const OWN_URL = /^\/voice\/[a-z][a-z/-]*(\?(after=error|again=1|v=[1-9]\d{0,8}))?$/;
const URL_ATTRIBUTES = ["action", "waitUrl", "url", "statusCallback"];
/** Stack frames, file names and library internals (German prompts contain "at " in "hat ", so frames are matched). */
const INTERNALS =
  /\n\s+at |\bat [\w.<>$]+ \(|\.ts:\d|\.js:\d|\bError:|prisma|Invalid `|node_modules|\/work\/|ECONNREFUSED|TypeError|RangeError|SyntaxError|stack/i;

export function judge(req: Hostile, res: RawResponse): { problems: Problem[]; detail: string } {
  const problems: Problem[] = [];
  const details: string[] = [];
  const add = (p: Problem, d: string) => {
    problems.push(p);
    details.push(`${p}: ${d}`);
  };
  // A huge upload may see the socket closed under it after the 413; anything else must get an answer.
  if (res.status === 0) {
    if (req.category !== "e") add("noAnswer", res.error ?? "no response");
    return { problems, detail: details.join("; ") };
  }
  if (res.status >= 500) add("serverError", `HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  // Refused before any processing counts: 403 (signature), 413 (too large), 415 (not a form post).
  if (req.mustBe403 && ![403, 413, 415].includes(res.status)) add("wrongSignatureNot403", `HTTP ${res.status}`);
  else if (!req.allowed.includes(res.status) && res.status !== 415 && res.status < 500)
    add("unexpectedStatus", `HTTP ${res.status} (expected ${req.allowed.join("/")}): ${res.body.slice(0, 200)}`);
  if (INTERNALS.test(res.body)) add("leak", `body: ${res.body.slice(0, 300)}`);
  if (res.status === 200) checkTwiml(req, res, add);
  return { problems, detail: details.join("; ") };
}

function checkTwiml(req: Hostile, res: RawResponse, add: (p: Problem, d: string) => void): void {
  if (!/^text\/xml\b/i.test(res.contentType)) add("invalidTwiml", `Content-Type "${res.contentType}"`);
  let root: XmlElement;
  try {
    parseTwiml(res.body);
    root = parseXml(res.body);
  } catch (error) {
    add("invalidTwiml", `${error instanceof Error ? error.message : String(error)}: ${res.body.slice(0, 300)}`);
    return;
  }
  const texts: string[] = [];
  const walk = (el: XmlElement, parent: string | null) => {
    if (!ALLOWED.has(el.name)) add("injection", `<${el.name}> element in the response`);
    if (el.name === "Dial" && !req.dialAllowed) add("injection", `<Dial> outside the agent routes`);
    if (parent === "Dial" && el.name !== "Client" && el.name !== "Conference") add("injection", `<Dial><${el.name}>`);
    // An answered caller's own conference (render-conference.ts): named after their CallSid.
    if (el.name === "Conference" && !/^call-CA[0-9a-f]{32}$/i.test(textOf(el)))
      add("injection", `<Conference>${textOf(el).slice(0, 120)}</Conference>`);
    if (el.name === "Client" && parent !== "Dial") add("injection", "<Client> outside <Dial>");
    if (el.name === "break" && el.attributes.time !== CODE_GROUP_BREAK)
      add("injection", `<break time="${el.attributes.time}">`);
    if (
      el.name === "Play" &&
      el.children
        .map((c) => (c.kind === "element" ? "" : c.text))
        .join("")
        .trim() !== HOLD_MUSIC
    )
      add("injection", "<Play> of something other than the hold music");
    for (const name of URL_ATTRIBUTES) {
      const value = el.attributes[name];
      // The conference plays the hold music while the agent's softphone rings.
      const music = el.name === "Conference" && name === "waitUrl" && value === HOLD_MUSIC;
      if (value !== undefined && !music && !OWN_URL.test(value))
        add("injection", `${el.name} ${name}="${value.slice(0, 120)}"`);
    }
    for (const child of el.children) {
      if (child.kind === "element") walk(child, el.name);
      else if (el.name === "Redirect" && !OWN_URL.test(child.text.trim()))
        add("injection", `<Redirect>${child.text.slice(0, 120)}</Redirect>`);
      else if (el.name !== "Client" && el.name !== "Play" && el.name !== "Conference") texts.push(child.text); // the agent id comes from the signed URL, not the caller
    }
  };
  walk(root, null);
  const reflected = REFLECTION_FRAGMENTS.filter((f) => texts.join(" ").includes(f));
  if (reflected.length > 0) add("reflected", `input text spoken back: ${reflected.join(", ")}`);
  if (/after=error/.test(res.body)) add("apology", "the flow failed and apologised (see the server's error log)");
}

const textOf = (el: XmlElement) =>
  el.children
    .map((c) => (c.kind === "element" ? "" : c.text))
    .join("")
    .trim();
