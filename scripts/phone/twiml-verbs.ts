// Turns a TwiML document into typed verbs, rejecting anything Twilio would
// reject (or silently misbehave on): unknown verbs, verbs nested where they
// are not allowed, text between verbs, bad attribute values.
import { parseXml, type XmlElement, type XmlNode } from "./twiml-xml.ts";
import { Attributes, TwimlError, isKnownElement } from "./twiml-attributes.ts";
import type { DialTarget, GatherChild, InputMode, SayVerb, TwimlVerb } from "./twiml-types.ts";

const KEYS = /^[0-9*#]$/;

/** Parses a complete TwiML `<Response>` document. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const root = parseXml(xml);
  if (root.name !== "Response") throw new TwimlError(`root element is <${root.name}>, expected <Response>`);
  new Attributes(root);
  return elementsOf(root).map(readVerb);
}

function readVerb(el: XmlElement): TwimlVerb {
  const a = new Attributes(el);
  switch (el.name) {
    case "Say":
      return readSay(el, a);
    case "Play": {
      const url = optionalText(el);
      const digits = a.string("digits");
      if (url === undefined && digits === undefined)
        throw new TwimlError("<Play> needs a URL as its text or a digits attribute");
      return { verb: "Play", url, digits, loop: a.int("loop", 1) };
    }
    case "Pause":
      noChildren(el);
      return { verb: "Pause", length: a.int("length", 1) };
    case "Gather":
      return readGather(el, a);
    case "Record": {
      noChildren(el);
      const finishOnKey = a.string("finishOnKey") ?? "1234567890*#";
      if (![...finishOnKey].every((k) => KEYS.test(k)))
        throw new TwimlError(`<Record finishOnKey="${finishOnKey}">: only 0-9, * and #`);
      return {
        verb: "Record",
        action: a.string("action"),
        method: a.method(),
        timeout: a.int("timeout", 5),
        finishOnKey,
        maxLength: a.int("maxLength", 3600, 1),
        playBeep: a.bool("playBeep", true),
        transcribe: a.bool("transcribe", false),
      };
    }
    case "Redirect": {
      const url = optionalText(el);
      if (url === undefined) throw new TwimlError("<Redirect> needs a URL as its text");
      return { verb: "Redirect", url, method: a.method() };
    }
    case "Hangup":
    case "Leave":
      noChildren(el);
      return { verb: el.name };
    case "Reject":
      noChildren(el);
      return { verb: "Reject", reason: a.oneOf("reason", ["rejected", "busy"], "rejected") };
    case "Enqueue": {
      const queue = optionalText(el) ?? "";
      if (queue.length > 64) throw new TwimlError(`queue name "${queue}" is longer than 64 characters`);
      if (queue === "" && a.string("workflowSid") === undefined)
        throw new TwimlError("<Enqueue> needs a queue name or a workflowSid");
      return {
        verb: "Enqueue",
        queue,
        action: a.string("action"),
        method: a.method(),
        waitUrl: a.string("waitUrl"),
        waitUrlMethod: a.method("waitUrlMethod"),
        workflowSid: a.string("workflowSid"),
      };
    }
    case "Dial":
      return {
        verb: "Dial",
        action: a.string("action"),
        method: a.method(),
        timeout: a.int("timeout", 30),
        callerId: a.string("callerId"),
        targets: readDialTargets(el),
      };
    case "Sms":
    case "Message":
      return { verb: el.name, text: optionalText(el) ?? "", to: a.string("to"), from: a.string("from") };
    default:
      throw new TwimlError(
        isKnownElement(el.name)
          ? `<${el.name}> is not allowed directly inside <Response>`
          : `unknown TwiML verb <${el.name}>`,
      );
  }
}

function readSay(el: XmlElement, a: Attributes): SayVerb {
  const text = ssmlText(el).replace(/\s+/g, " ").trim();
  // Twilio answers an empty <Say> with error 13520 instead of staying quiet.
  if (text === "") throw new TwimlError("<Say> has no text");
  return {
    verb: "Say",
    text,
    language: a.string("language"),
    voice: a.string("voice"),
    loop: a.int("loop", 1),
    rate: prosodyRate(el),
    breakSeconds: breakSeconds(el),
  };
}

/** The first `<prosody rate="75%">` as a fraction (0.75); undefined when none gives a percentage. */
function prosodyRate(el: XmlElement): number | undefined {
  for (const child of el.children) {
    if (child.kind === "text") continue;
    const rate = child.name === "prosody" ? /^(\d+(?:\.\d+)?)%$/.exec(child.attributes.rate ?? "") : null;
    if (rate) return Number(rate[1]) / 100;
    const inner = prosodyRate(child);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Silence the SSML asks for inside the Say: `<break time="800ms"/>`, `<break time="1s"/>`. */
function breakSeconds(el: XmlElement): number {
  let seconds = 0;
  for (const child of el.children) {
    if (child.kind === "text") continue;
    const time = child.name === "break" ? /^(\d+(?:\.\d+)?)(ms|s)$/.exec(child.attributes.time ?? "") : null;
    if (time) seconds += Number(time[1]) / (time[2] === "ms" ? 1000 : 1);
    seconds += breakSeconds(child);
  }
  return seconds;
}

/** SSML inside <Say> only shapes the voice; the emulator keeps the words. */
const SSML = new Set("prosody break s p emphasis lang phoneme say-as sub w amazon:effect amazon:domain".split(" "));

function ssmlText(el: XmlElement): string {
  return el.children
    .map((child) => {
      if (child.kind === "text") return child.text;
      if (!SSML.has(child.name)) throw new TwimlError(`<${child.name}> is not allowed inside <Say>`);
      // <sub alias="…"> is spoken as its alias; <break> separates words.
      if (child.name === "sub" && child.attributes.alias !== undefined) return ` ${child.attributes.alias} `;
      return ` ${ssmlText(child)} `;
    })
    .join("");
}

function readGather(el: XmlElement, a: Attributes): TwimlVerb {
  const input = (a.string("input") ?? "dtmf").trim().split(/\s+/);
  if (input.length === 0 || !input.every((m): m is InputMode => m === "dtmf" || m === "speech")) {
    throw new TwimlError(`<Gather input="${a.string("input")}">: expected dtmf, speech or "dtmf speech"`);
  }
  const finishOnKey = a.string("finishOnKey") ?? "#";
  if (finishOnKey !== "" && !KEYS.test(finishOnKey))
    throw new TwimlError(`<Gather finishOnKey="${finishOnKey}">: one key of 0-9, * or #, or empty`);
  const children = elementsOf(el).map((child): GatherChild => {
    const verb = readVerb(child);
    if (verb.verb !== "Say" && verb.verb !== "Play" && verb.verb !== "Pause") {
      throw new TwimlError(`<${child.name}> is not allowed inside <Gather> (only Say, Play, Pause)`);
    }
    return verb;
  });
  return {
    verb: "Gather",
    action: a.string("action"),
    method: a.method(),
    input: [...new Set(input)],
    numDigits: a.optionalInt("numDigits", 1),
    finishOnKey,
    timeout: a.int("timeout", 5),
    speechTimeout: a.string("speechTimeout"),
    language: a.string("language"),
    hints: a.string("hints"),
    actionOnEmptyResult: a.bool("actionOnEmptyResult", false),
    children,
  };
}

const DIAL_NOUNS = ["Number", "Client", "Queue", "Sip", "Conference"] as const;

function readDialTargets(el: XmlElement): DialTarget[] {
  const bare = optionalTextOnly(el);
  if (bare !== undefined) return [{ kind: "Number", value: bare, url: undefined }];
  const targets = elementsOf(el).map((noun): DialTarget => {
    const a = new Attributes(noun);
    const kind = DIAL_NOUNS.find((n) => n === noun.name);
    if (!kind) throw new TwimlError(`<${noun.name}> is not allowed inside <Dial>`);
    return { kind, value: optionalText(noun) ?? "", url: a.string("url") };
  });
  if (targets.length === 0) throw new TwimlError("<Dial> has nothing to dial");
  return targets;
}

/** Child elements; non-blank text between verbs is a TwiML error. */
function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.filter((child: XmlNode): child is XmlElement => {
    if (child.kind === "text" && child.text.trim() !== "") {
      throw new TwimlError(`unexpected text "${child.text.trim()}" inside <${el.name}>`);
    }
    return child.kind === "element";
  });
}

function noChildren(el: XmlElement): void {
  if (el.children.some((c) => c.kind === "element" || c.text.trim() !== ""))
    throw new TwimlError(`<${el.name}> must be empty`);
}

/** Text content of an element that may not contain elements. */
function optionalText(el: XmlElement): string | undefined {
  if (el.children.some((c) => c.kind === "element")) throw new TwimlError(`<${el.name}> may only contain text`);
  return optionalTextOnly(el);
}

function optionalTextOnly(el: XmlElement): string | undefined {
  if (el.children.some((c) => c.kind === "element")) return undefined;
  const text = el.children
    .map((c) => (c.kind === "text" ? c.text : ""))
    .join("")
    .trim();
  return text === "" ? undefined : text;
}
