// Turns a TwiML document into typed verbs, with Twilio's defaults filled in. Only the verbs, nouns
// and attributes the hotline sends are accepted (ivr/src/transport/voice builds them): anything
// else, a misspelt attribute or a bad value fails the call, because Twilio would reject it or,
// worse, silently ignore it (a misspelt `numdigits` leaves the caller waiting for nothing).
import { parseXml, type XmlElement } from "./twiml-xml.ts";

/** The hotline has Twilio POST every webhook; a GET would be a change the emulator should notice. */
export type HttpMethod = "POST";
export type InputMode = "dtmf" | "speech";
// The verbs as plain data, typed by what their readers below return.
export type TwimlVerb = ReturnType<typeof readVerb>;
export type SayVerb = ReturnType<typeof readSay>;
export type GatherVerb = ReturnType<typeof readGather>;
export type RecordVerb = Extract<TwimlVerb, { verb: "Record" }>;
/** waitUrl undefined: Twilio's own hold music, which the emulator does not fetch. */
export type EnqueueVerb = Extract<TwimlVerb, { verb: "Enqueue" }>;
export type DialTarget = { kind: "Client" | "Conference"; value: string };

export class TwimlError extends Error {
  override name = "TwimlError";
}

/** The attributes each element may carry: those the hotline sets. */
const KNOWN: Record<string, string> = {
  ...Object.fromEntries(["Response", "Play", "Hangup", "Leave", "Client"].map((name) => [name, ""])),
  Say: "voice language loop",
  Pause: "length",
  Gather: "action method input numDigits finishOnKey timeout speechTimeout language hints actionOnEmptyResult bargeIn",
  Record: "action method timeout finishOnKey maxLength playBeep",
  Redirect: "method",
  Enqueue: "action method waitUrl waitUrlMethod",
  Dial: "answerOnBridge",
  Conference: "participantLabel startConferenceOnEnter endConferenceOnExit beep waitUrl waitMethod",
};
/** The SSML the hotline puts inside <Say>, with its attributes. */
const SSML: Record<string, string> = { prosody: "rate", break: "time" };

/** Parses a complete TwiML `<Response>` document. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const root = parseXml(xml);
  if (root.name !== "Response") throw new TwimlError(`root element is <${root.name}>, expected <Response>`);
  new Attributes(root);
  return elementsOf(root).map(readVerb);
}

/** The verbs that may also stand inside <Gather>; undefined for the others. */
function readChild(el: XmlElement, a: Attributes) {
  if (el.name === "Say") return readSay(el, a);
  if (el.name === "Play") return { verb: "Play" as const, url: text(el, "a URL") };
  if (el.name !== "Pause") return undefined;
  noChildren(el);
  return { verb: "Pause" as const, length: a.int("length", 1) };
}

function readVerb(el: XmlElement) {
  const a = new Attributes(el);
  const child = readChild(el, a);
  if (child) return child;
  a.post("method");
  const action = a.string("action");
  switch (el.name) {
    case "Gather":
      return readGather(el, a);
    case "Record":
      noChildren(el);
      return {
        verb: "Record" as const,
        action,
        timeout: a.int("timeout", 5),
        finishOnKey: a.keys("finishOnKey", "1234567890*#"),
        maxLength: a.int("maxLength", 3600, 1),
        playBeep: a.bool("playBeep", true),
      };
    case "Redirect":
      return { verb: "Redirect" as const, url: text(el, "a URL") };
    case "Hangup":
    case "Leave":
      noChildren(el);
      return { verb: el.name as "Hangup" | "Leave" };
    case "Enqueue": {
      const queue = text(el, "a queue name");
      if (queue.length > 64) throw new TwimlError(`queue name "${queue}" is longer than 64 characters`);
      a.post("waitUrlMethod");
      return { verb: "Enqueue" as const, queue, action, waitUrl: a.string("waitUrl") };
    }
    case "Dial": {
      const targets = elementsOf(el).map((noun): DialTarget => {
        new Attributes(noun);
        if (noun.name !== "Client" && noun.name !== "Conference")
          throw new TwimlError(`<${noun.name}> is not allowed inside <Dial>`);
        return { kind: noun.name, value: text(noun, "a name") };
      });
      if (targets.length === 0) throw new TwimlError("<Dial> has nothing to dial");
      return { verb: "Dial" as const, targets };
    }
    default:
      throw new TwimlError(`<${el.name}> is not allowed directly inside <Response>`);
  }
}

/** SSML inside <Say> only shapes the voice: the emulator keeps the words, the rate and the breaks. */
function readSay(el: XmlElement, a: Attributes) {
  let breakSeconds = 0;
  let rate: number | undefined;
  const words = (parent: XmlElement): string =>
    parent.children
      .map((child) => {
        if (child.kind === "text") return child.text;
        if (!(child.name in SSML)) throw new TwimlError(`<${child.name}> is not allowed inside <Say>`);
        new Attributes(child, SSML[child.name]);
        if (child.name === "prosody") {
          const percent = /^(\d+(?:\.\d+)?)%$/.exec(child.attributes.rate ?? "");
          rate ??= percent ? Number(percent[1]) / 100 : undefined;
          return ` ${words(child)} `;
        }
        const time = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(child.attributes.time ?? "");
        if (!time) throw new TwimlError(`<break time="${child.attributes.time}">: expected e.g. 500ms or 1s`);
        breakSeconds += Number(time[1]) / (time[2] === "ms" ? 1000 : 1);
        return " ";
      })
      .join("");
  const said = words(el).replace(/\s+/g, " ").trim();
  // Twilio answers an empty <Say> with error 13520 instead of staying quiet.
  if (said === "") throw new TwimlError("<Say> has no text");
  const say = { verb: "Say" as const, text: said, language: a.string("language"), voice: a.string("voice") };
  return { ...say, loop: a.int("loop", 1), ...(rate === undefined ? {} : { rate }), breakSeconds };
}

function readGather(el: XmlElement, a: Attributes) {
  const input = (a.string("input") ?? "dtmf").trim().split(/\s+/);
  if (!input.every((m): m is InputMode => m === "dtmf" || m === "speech"))
    throw new TwimlError(`<Gather input="${a.string("input")}">: expected dtmf, speech or "dtmf speech"`);
  const children = elementsOf(el).map((child) => {
    const verb = readChild(child, new Attributes(child));
    if (!verb) throw new TwimlError(`<${child.name}> is not allowed inside <Gather> (only Say, Play, Pause)`);
    return verb;
  });
  return {
    verb: "Gather" as const,
    action: a.string("action"),
    input: [...new Set(input)],
    numDigits: a.string("numDigits") === undefined ? undefined : a.int("numDigits", 1, 1),
    /** A single key, or "" when no key ends the input. */
    finishOnKey: a.keys("finishOnKey", "#", true),
    timeout: a.int("timeout", 5),
    language: a.string("language"),
    hints: a.string("hints"),
    actionOnEmptyResult: a.bool("actionOnEmptyResult", false),
    children,
  };
}

/** Typed access to one element's attributes; unknown ones are errors. */
class Attributes {
  constructor(
    private readonly el: XmlElement,
    known = KNOWN[el.name],
  ) {
    if (known === undefined) throw new TwimlError(`unknown TwiML verb <${el.name}>`);
    for (const name of Object.keys(el.attributes)) {
      if (!known.split(" ").includes(name))
        throw new TwimlError(`<${el.name}> has unknown attribute '${name}' (known: ${known || "none"})`);
    }
  }

  string(name: string): string | undefined {
    return this.el.attributes[name];
  }

  int(name: string, fallback: number, min = 0): number {
    const raw = this.string(name) ?? String(fallback);
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) this.bad(name, raw, `an integer >= ${min}`);
    return Number(raw);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.trim().toLowerCase() ?? String(fallback);
    if (raw !== "true" && raw !== "false") this.bad(name, raw, "true or false");
    return raw === "true";
  }

  post(name: string): void {
    const raw = this.string(name);
    if (raw !== undefined && raw.trim().toUpperCase() !== "POST") this.bad(name, raw, "POST");
  }

  /** Phone keys: any set of them, or with `single` one key or none. */
  keys(name: string, fallback: string, single = false): string {
    const raw = this.string(name) ?? fallback;
    if (single ? !/^[0-9*#]?$/.test(raw) : !/^[0-9*#]+$/.test(raw))
      this.bad(name, raw, single ? "one key of 0-9, * or #, or empty" : "keys of 0-9, * and #");
    return raw;
  }

  private bad(name: string, raw: string, expected: string): never {
    throw new TwimlError(`<${this.el.name} ${name}="${raw}">: expected ${expected}`);
  }
}

/** Child elements; non-blank text between verbs is a TwiML error. */
function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.filter((child) => {
    if (child.kind === "text" && child.text.trim() !== "")
      throw new TwimlError(`unexpected text "${child.text.trim()}" inside <${el.name}>`);
    return child.kind === "element";
  }) as XmlElement[];
}

function noChildren(el: XmlElement): void {
  if (el.children.some((c) => c.kind === "element" || c.text.trim() !== ""))
    throw new TwimlError(`<${el.name}> must be empty`);
}

/** The text of an element that must hold text and nothing else. */
function text(el: XmlElement, what: string): string {
  if (el.children.some((c) => c.kind === "element")) throw new TwimlError(`<${el.name}> may only contain text`);
  const content = el.children.map((c) => (c.kind === "text" ? c.text : "")).join("");
  if (content.trim() === "") throw new TwimlError(`<${el.name}> needs ${what} as its text`);
  return content.trim();
}
