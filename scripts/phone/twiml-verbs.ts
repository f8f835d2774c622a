// Turns a TwiML document into typed verbs, with Twilio's defaults filled in. Only the verbs,
// nouns and attributes the hotline sends are accepted (ivr/src/transport/voice builds them):
// anything else, a misspelt attribute or a bad value fails the call, because Twilio would
// reject it or, worse, silently ignore it (a misspelt `numdigits` leaves the caller waiting).
import { parseXml, type XmlElement } from "./twiml-xml.ts";

export type HttpMethod = "GET" | "POST";
export type InputMode = "dtmf" | "speech";
// The verbs as plain data, typed by what their readers below return.
export type TwimlVerb = ReturnType<typeof readVerb>;
export type GatherChild = ReturnType<typeof readChild>;
export type SayVerb = ReturnType<typeof readSay>;
export type GatherVerb = ReturnType<typeof readGather>;
export type RecordVerb = Extract<TwimlVerb, { verb: "Record" }>;
/** waitUrl undefined: Twilio's own hold music, which the emulator does not fetch. */
export type EnqueueVerb = Extract<TwimlVerb, { verb: "Enqueue" }>;
export type DialTarget = { kind: "Client" | "Conference"; value: string };

export class TwimlError extends Error {
  override name = "TwimlError";
}

/** The attributes each element may carry: those the hotline sets (and the emulator reads). */
const KNOWN: Record<string, string> = {
  Response: "",
  Say: "voice language loop",
  Play: "",
  Pause: "length",
  Gather: "action method input numDigits finishOnKey timeout speechTimeout language hints actionOnEmptyResult bargeIn",
  Record: "action method timeout finishOnKey maxLength playBeep",
  Redirect: "method",
  Hangup: "",
  Leave: "",
  Enqueue: "action method waitUrl waitUrlMethod",
  Dial: "answerOnBridge",
  Client: "",
  Conference: "participantLabel startConferenceOnEnter endConferenceOnExit beep waitUrl waitMethod",
};
const KEYS = /^[0-9*#]$/;

/** Parses a complete TwiML `<Response>` document. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const root = parseXml(xml);
  if (root.name !== "Response") throw new TwimlError(`root element is <${root.name}>, expected <Response>`);
  new Attributes(root);
  return elementsOf(root).map(readVerb);
}

/** The verbs that may also stand inside <Gather>. */
function readChild(el: XmlElement, a: Attributes) {
  switch (el.name) {
    case "Say":
      return readSay(el, a);
    case "Play":
      return { verb: "Play" as const, url: requiredText(el, "a URL") };
    case "Pause":
      noChildren(el);
      return { verb: "Pause" as const, length: a.int("length", 1) };
  }
  return undefined;
}

function readVerb(el: XmlElement) {
  const a = new Attributes(el);
  const child = readChild(el, a);
  if (child) return child;
  switch (el.name) {
    case "Gather":
      return readGather(el, a);
    case "Record": {
      noChildren(el);
      const finishOnKey = a.string("finishOnKey") ?? "1234567890*#";
      if (![...finishOnKey].every((k) => KEYS.test(k)))
        throw new TwimlError(`<Record finishOnKey="${finishOnKey}">: only 0-9, * and #`);
      return {
        verb: "Record" as const,
        ...a.action(),
        timeout: a.int("timeout", 5),
        finishOnKey,
        maxLength: a.int("maxLength", 3600, 1),
        playBeep: a.bool("playBeep", true),
      };
    }
    case "Redirect":
      return { verb: "Redirect" as const, url: requiredText(el, "a URL"), method: a.method() };
    case "Hangup":
    case "Leave":
      noChildren(el);
      return { verb: el.name as "Hangup" | "Leave" };
    case "Enqueue": {
      const queue = requiredText(el, "a queue name");
      if (queue.length > 64) throw new TwimlError(`queue name "${queue}" is longer than 64 characters`);
      return {
        verb: "Enqueue" as const,
        queue,
        ...a.action(),
        waitUrl: a.string("waitUrl"),
        waitUrlMethod: a.method("waitUrlMethod"),
      };
    }
    case "Dial": {
      const targets = elementsOf(el).map((noun): DialTarget => {
        new Attributes(noun);
        if (noun.name !== "Client" && noun.name !== "Conference")
          throw new TwimlError(`<${noun.name}> is not allowed inside <Dial>`);
        return { kind: noun.name, value: requiredText(noun, "a name") };
      });
      if (targets.length === 0) throw new TwimlError("<Dial> has nothing to dial");
      return { verb: "Dial" as const, targets };
    }
    default:
      throw new TwimlError(`<${el.name}> is not allowed directly inside <Response>`);
  }
}

function readSay(el: XmlElement, a: Attributes) {
  let breakSeconds = 0;
  let rate: number | undefined;
  // SSML inside <Say> only shapes the voice: the emulator keeps the words, the rate and the breaks.
  const words = (parent: XmlElement): string =>
    parent.children
      .map((child) => {
        if (child.kind === "text") return child.text;
        if (!(child.name in SSML)) throw new TwimlError(`<${child.name}> is not allowed inside <Say>`);
        new Attributes(child, SSML[child.name]);
        if (child.name === "break") {
          const time = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(child.attributes.time ?? "");
          if (!time) throw new TwimlError(`<break time="${child.attributes.time}">: expected e.g. 500ms or 1s`);
          breakSeconds += Number(time[1]) / (time[2] === "ms" ? 1000 : 1);
          return " ";
        }
        const percent = /^(\d+(?:\.\d+)?)%$/.exec(child.attributes.rate ?? "");
        rate ??= percent ? Number(percent[1]) / 100 : undefined;
        return ` ${words(child)} `;
      })
      .join("");
  const text = words(el).replace(/\s+/g, " ").trim();
  // Twilio answers an empty <Say> with error 13520 instead of staying quiet.
  if (text === "") throw new TwimlError("<Say> has no text");
  const say = {
    verb: "Say" as const,
    text,
    language: a.string("language"),
    voice: a.string("voice"),
    loop: a.int("loop", 1),
  };
  return { ...say, ...(rate === undefined ? {} : { rate }), breakSeconds };
}

function readGather(el: XmlElement, a: Attributes) {
  const input = (a.string("input") ?? "dtmf").trim().split(/\s+/);
  if (!input.every((m): m is InputMode => m === "dtmf" || m === "speech"))
    throw new TwimlError(`<Gather input="${a.string("input")}">: expected dtmf, speech or "dtmf speech"`);
  const finishOnKey = a.string("finishOnKey") ?? "#";
  if (finishOnKey !== "" && !KEYS.test(finishOnKey))
    throw new TwimlError(`<Gather finishOnKey="${finishOnKey}">: one key of 0-9, * or #, or empty`);
  const children = elementsOf(el).map((child) => {
    const verb = readChild(child, new Attributes(child));
    if (!verb) throw new TwimlError(`<${child.name}> is not allowed inside <Gather> (only Say, Play, Pause)`);
    return verb;
  });
  return {
    verb: "Gather" as const,
    ...a.action(),
    input: [...new Set(input)],
    numDigits: a.string("numDigits") === undefined ? undefined : a.int("numDigits", 1, 1),
    finishOnKey,
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
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) this.bad(name, raw, `an integer >= ${min}`);
    return Number(raw);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.trim().toLowerCase();
    if (raw === undefined) return fallback;
    if (raw !== "true" && raw !== "false") this.bad(name, raw, "true or false");
    return raw === "true";
  }

  method(name = "method"): HttpMethod {
    const raw = this.string(name);
    const value = raw?.trim().toUpperCase() ?? "POST";
    if (value !== "GET" && value !== "POST") this.bad(name, raw ?? "", "GET or POST");
    return value;
  }

  /** An action left undefined means "the current document URL", resolved at run time. */
  action(): { action: string | undefined; method: HttpMethod } {
    return { action: this.string("action"), method: this.method() };
  }

  private bad(name: string, raw: string, expected: string): never {
    throw new TwimlError(`<${this.el.name} ${name}="${raw}">: expected ${expected}`);
  }
}

/** The SSML the hotline puts inside <Say>, with its attributes. */
const SSML: Record<string, string> = { prosody: "rate", break: "time" };

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

/** The text content of an element that must hold text and nothing else. */
function requiredText(el: XmlElement, what: string): string {
  if (el.children.some((c) => c.kind === "element")) throw new TwimlError(`<${el.name}> may only contain text`);
  const text = el.children
    .map((c) => (c.kind === "text" ? c.text : ""))
    .join("")
    .trim();
  if (text === "") throw new TwimlError(`<${el.name}> needs ${what} as its text`);
  return text;
}
