// Attribute checking for TwiML elements. Unknown attributes are errors: a
// misspelt `numdigits` is silently ignored by Twilio and the caller then
// waits for a `#` that nobody tells them to press — better to fail the test.
import type { XmlElement } from "./twiml-xml.ts";
import type { HttpMethod } from "./twiml-types.ts";

export class TwimlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TwimlError";
  }
}

/** Attributes Twilio documents for each element (TwiML Voice reference), space-separated. */
const KNOWN: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries({
    Response: "",
    Say: "voice language loop",
    Play: "loop digits",
    Pause: "length",
    Gather:
      "action method input numDigits finishOnKey timeout speechTimeout language hints actionOnEmptyResult partialResultCallback partialResultCallbackMethod profanityFilter speechModel enhanced bargeIn debug maxSpeechTime",
    Record:
      "action method timeout finishOnKey maxLength playBeep trim recordingStatusCallback recordingStatusCallbackMethod recordingStatusCallbackEvent transcribe transcribeCallback",
    Redirect: "method",
    Hangup: "",
    Reject: "reason",
    Leave: "",
    Enqueue: "action method waitUrl waitUrlMethod workflowSid",
    Dial: "action method timeout hangupOnStar timeLimit callerId record trim recordingStatusCallback recordingStatusCallbackMethod recordingStatusCallbackEvent answerOnBridge ringTone recordingTrack sequential referUrl referMethod events",
    Number: "sendDigits url method statusCallbackEvent statusCallback statusCallbackMethod byoc",
    Client: "url method statusCallbackEvent statusCallback statusCallbackMethod",
    Queue: "url method reservationSid postWorkActivitySid",
    Sip: "username password url method statusCallbackEvent statusCallback statusCallbackMethod",
    Conference:
      "muted beep startConferenceOnEnter endConferenceOnExit waitUrl waitMethod maxParticipants record statusCallback statusCallbackEvent participantLabel coach jitterBufferSize",
    Sms: "to from action method statusCallback",
    Message: "to from action method statusCallback",
  }).map(([element, names]) => [element, names.split(" ").filter(Boolean)]),
);

export function isKnownElement(name: string): boolean {
  return Object.hasOwn(KNOWN, name);
}

/** Typed access to one element's attributes, with Twilio's value rules. */
export class Attributes {
  constructor(private readonly el: XmlElement) {
    const known = KNOWN[el.name] ?? [];
    for (const name of Object.keys(el.attributes)) {
      if (!known.includes(name)) {
        throw new TwimlError(`<${el.name}> has unknown attribute '${name}' (known: ${known.join(", ") || "none"})`);
      }
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

  optionalInt(name: string, min: number): number | undefined {
    return this.string(name) === undefined ? undefined : this.int(name, min, min);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = raw.trim().toLowerCase();
    if (value !== "true" && value !== "false") this.bad(name, raw, "true or false");
    return value === "true";
  }

  method(name = "method"): HttpMethod {
    const raw = this.string(name);
    if (raw === undefined) return "POST";
    const value = raw.trim().toUpperCase();
    if (value !== "GET" && value !== "POST") this.bad(name, raw, "GET or POST");
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const found = allowed.find((a) => a === raw);
    if (found === undefined) this.bad(name, raw, allowed.join(" or "));
    return found;
  }

  private bad(name: string, raw: string, expected: string): never {
    throw new TwimlError(`<${this.el.name} ${name}="${raw}">: expected ${expected}`);
  }
}
