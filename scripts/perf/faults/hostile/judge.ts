// Judges one answer: 5xx, a forged signature let through, internals in a body, TwiML that Twilio
// would refuse (read with the call emulator's strict parsers) or that carries markup from our input.
import { loadConfig } from "../../../../ivr/src/config.ts";
import { CODE_GROUP_BREAK } from "../../../../ivr/src/transport/voice/render-twiml.ts";
import { parseTwiml } from "../../../phone/twiml-verbs.ts";
import { parseXml, type XmlElement } from "../../../phone/twiml-xml.ts";
import type { RawResponse } from "./raw-http.ts";
import type { Hostile } from "./requests.ts";

/** What fails the run, by the JSON line's name for its count. */
export const PROBLEMS = {
  serverErrors: "responses with 5xx",
  invalidTwiml: "200 responses that are not valid TwiML (text/xml, strict parser)",
  wrongSignatureNot403: "wrong/missing signatures not answered 403",
  leaks: "bodies with stack traces or internals",
  injections: "responses with markup or URLs from input",
  noAnswer: "requests without an answer",
};
export type Problem = keyof typeof PROBLEMS;

/** Elements the hotline's renderer produces; anything else came from somewhere else. */
const ELEMENTS =
  /^(Response|Say|prosody|break|Gather|Pause|Redirect|Record|Enqueue|Dial|Client|Conference|Hangup|Leave|Play)$/;
const HOLD_MUSIC = loadConfig({}).HOLD_MUSIC_URL;
/** Our own URLs: a path of ours with at most one of our query parameters. */
const OWN_URL = /^\/voice\/[a-z][a-z/-]*(\?(after=error|again=1|v=[1-9]\d{0,8}))?$/;
/** Stack frames, file names, library internals (German prompts have "hat ": frames are matched, not "at "). */
const INTERNALS =
  /\n\s+at |\bat [\w.<>$]+ \(|\.ts:\d|\.js:\d|\bError:|prisma|Invalid `|node_modules|\/work\/|ECONNREFUSED|TypeError|RangeError|SyntaxError|stack/i;

export function judge(req: Hostile, res: RawResponse): Problem[] {
  // A huge upload may see its socket closed after the 413; anything else must get an answer.
  if (res.status === 0) return req.category === "huge" ? [] : ["noAnswer"];
  const problems: Problem[] = [];
  if (res.status >= 500) problems.push("serverErrors");
  // 413 (too large) and 415 (not a form post) refuse before the signature is checked.
  if (req.mustBe403 && ![403, 413, 415].includes(res.status)) problems.push("wrongSignatureNot403");
  if (INTERNALS.test(res.body)) problems.push("leaks");
  if (res.status !== 200) return problems;
  if (!/^text\/xml\b/i.test(res.contentType)) return [...problems, "invalidTwiml"];
  try {
    parseTwiml(res.body);
    if (injected(parseXml(res.body), req.path.startsWith("/voice/agent/"))) problems.push("injections");
  } catch {
    problems.push("invalidTwiml");
  }
  return problems;
}

/** Foreign elements or URLs, a <Dial> outside the agent routes, a conference not named after a call. */
function injected(el: XmlElement, agentRoute: boolean, parent = ""): boolean {
  const text = el.children.reduce((t, c) => t + (c.kind === "text" ? c.text : ""), "").trim();
  const urls = ["action", "waitUrl", "url", "statusCallback"].map((name) => el.attributes[name] ?? "/voice/x");
  return (
    !ELEMENTS.test(el.name) ||
    (el.name === "Dial" && !agentRoute) ||
    (parent === "Dial") !== (el.name === "Client" || el.name === "Conference") ||
    (el.name === "Conference" && !/^call-CA[0-9a-f]{32}$/i.test(text)) ||
    (el.name === "break" && el.attributes.time !== CODE_GROUP_BREAK) ||
    (el.name === "Play" && text !== HOLD_MUSIC) ||
    (el.name === "Redirect" && !OWN_URL.test(text)) ||
    urls.some((url) => url !== HOLD_MUSIC && !OWN_URL.test(url)) ||
    el.children.some((c) => c.kind === "element" && injected(c, agentRoute, el.name))
  );
}
