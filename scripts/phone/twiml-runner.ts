// Executes TwiML verb by verb, the way Twilio walks a document: each verb in
// order, and a new document whenever a verb hands control to a URL (Gather
// with input, Record, Redirect, Dial with action). Queue handling and the
// call's lifecycle live in call-emulator.ts; this file only follows TwiML.
import type { CallerInput, CallerPrompt, Saying } from "./caller-input.ts";
import { assertCallerInput } from "./caller-input.ts";
import type { CallEvent, HangupReason } from "./call-events.ts";
import { resolveGather, resolveRecord, speakingSeconds, type InputResolution } from "./input-resolution.ts";
import type { EnqueueVerb, GatherVerb, HttpMethod, RecordVerb, SayVerb, TwimlVerb } from "./twiml-types.ts";
import { newSid, type TwilioParams } from "./twilio-request.ts";
import { WebhookError, type WebhookClient } from "./webhook-client.ts";

export interface TwimlDocument {
  /** Public URL the document was fetched from; relative URLs resolve against it. */
  url: string;
  verbs: TwimlVerb[];
  /** The answer to the incoming-call webhook: only there can <Reject> refuse the call. */
  incoming: boolean;
}

/** Where control goes when a document stops being followed. */
export type RunOutcome =
  | { kind: "end" }
  | { kind: "hangup"; by: HangupReason; callStatus: string }
  | { kind: "enqueue"; verb: EnqueueVerb; doc: TwimlDocument; next: number }
  | { kind: "leave" };

export type RunMode = "call" | "wait";

/** After one verb: go on in this document, continue in a fetched one, or stop following TwiML. */
type Step = "next" | TwimlDocument | RunOutcome;

/** What the runner needs from the call around it. */
export interface RunContext {
  client: WebhookClient;
  /** Asks the caller; throws when there is nobody to ask. */
  ask(prompt: CallerPrompt): Promise<CallerInput>;
  accountSid: string;
  maxRedirects: number;
  dialOutcome: string;
  emit(event: CallEvent): void;
  /** Standard parameters of the call as it is now (CallStatus in-progress). */
  params(): TwilioParams;
  advance(seconds: number): void;
  /** The URL the live call was moved to meanwhile (Twilio's call update), or null. */
  redirected?(): string | null;
}

/** Verbs Twilio allows in a waitUrl document (TwiML <Enqueue> reference). */
const WAIT_VERBS = new Set(["Say", "Play", "Pause", "Gather", "Redirect", "Leave", "Hangup"]);

export class TwimlRunner {
  private heard: Saying[] = [];
  private redirects = 0;

  constructor(private readonly ctx: RunContext) {}

  async run(start: TwimlDocument, from: number, mode: RunMode): Promise<RunOutcome> {
    let doc = start;
    let index = from;
    for (;;) {
      // A call update interrupts the document: Twilio fetches the new URL and follows it instead.
      const moved = this.ctx.redirected?.();
      if (moved) {
        this.ctx.emit({ type: "redirect", url: moved });
        doc = await this.fetch("POST", moved, {});
        index = 0;
        continue;
      }
      const verb = doc.verbs[index];
      if (verb === undefined) return { kind: "end" };
      index++;
      if (mode === "wait" && !WAIT_VERBS.has(verb.verb)) {
        throw new WebhookError(`<${verb.verb}> is not allowed in a queue waitUrl document (${doc.url})`, "twiml");
      }
      const step = await this.perform(verb, doc, index, mode);
      if (step === "next") continue;
      if ("url" in step) {
        doc = step;
        index = 0;
        continue;
      }
      return step;
    }
  }

  private async perform(verb: TwimlVerb, doc: TwimlDocument, next: number, mode: RunMode): Promise<Step> {
    const ctx = this.ctx;
    switch (verb.verb) {
      case "Say":
        this.say(verb, false);
        return "next";
      case "Play":
        ctx.emit({ type: "play", url: verb.url, digits: verb.digits });
        ctx.advance(5 * Math.max(1, verb.loop));
        return "next";
      case "Pause":
        ctx.emit({ type: "pause", seconds: verb.length });
        ctx.advance(verb.length);
        return "next";
      case "Gather":
        return this.gather(verb, doc, mode);
      case "Record":
        return this.record(verb, doc);
      case "Redirect": {
        if (++this.redirects > this.ctx.maxRedirects) {
          throw new WebhookError(
            `more than ${this.ctx.maxRedirects} <Redirect>s without caller input – redirect loop?`,
            "limit",
          );
        }
        const url = ctx.client.resolve(verb.url, doc.url);
        ctx.emit({ type: "redirect", url });
        return this.fetch(verb.method, url, {});
      }
      case "Hangup":
        return { kind: "hangup", by: "twiml", callStatus: "completed" };
      case "Reject": {
        // Only a Reject that comes first keeps the call unanswered (busy/no-answer).
        const unanswered = doc.incoming && next === 1;
        const callStatus = unanswered ? (verb.reason === "busy" ? "busy" : "no-answer") : "completed";
        return { kind: "hangup", by: "reject", callStatus };
      }
      case "Enqueue":
        return { kind: "enqueue", verb, doc, next };
      case "Leave":
        if (mode !== "wait") throw new WebhookError(`<Leave> outside a queue waitUrl document (${doc.url})`, "twiml");
        return { kind: "leave" };
      case "Dial": {
        // Nobody can be dialled from here: the configured outcome stands in for the other party.
        ctx.emit({ type: "dial", targets: verb.targets, outcome: ctx.dialOutcome });
        if (verb.action === undefined) return "next";
        const answered = ctx.dialOutcome === "completed";
        return this.fetch(verb.method, ctx.client.resolve(verb.action, doc.url), {
          DialCallStatus: ctx.dialOutcome,
          ...(answered ? { DialCallSid: newSid("CA"), DialCallDuration: "0" } : {}),
        });
      }
      case "Sms":
      case "Message":
        ctx.emit({ type: "message", verb: verb.verb, text: verb.text, to: verb.to });
        return "next";
    }
  }

  private say(verb: SayVerb, inGather: boolean): void {
    this.ctx.emit({
      type: "say",
      text: verb.text,
      language: verb.language,
      voice: verb.voice,
      loop: verb.loop,
      inGather,
      rate: verb.rate,
      breakSeconds: verb.breakSeconds ?? 0,
    });
    this.heard.push({ text: verb.text, language: verb.language, voice: verb.voice });
    this.ctx.advance(speakingSeconds(verb.text) * Math.max(1, verb.loop));
  }

  private async gather(verb: GatherVerb, doc: TwimlDocument, mode: RunMode): Promise<Step> {
    for (const child of verb.children) {
      if (child.verb === "Say") this.say(child, true);
      else if (child.verb === "Play") this.ctx.emit({ type: "play", url: child.url, digits: child.digits });
      else this.ctx.emit({ type: "pause", seconds: child.length, inGather: true });
    }
    const action = this.ctx.client.resolve(verb.action ?? doc.url, doc.url);
    const prompt: CallerPrompt = {
      kind: "gather",
      ...this.heardSoFar(),
      input: verb.input,
      numDigits: verb.numDigits,
      finishOnKey: verb.finishOnKey,
      timeout: verb.timeout,
      language: verb.language,
      hints: verb.hints,
      actionOnEmptyResult: verb.actionOnEmptyResult,
      action,
      method: verb.method,
      inQueue: mode === "wait",
    };
    this.ctx.emit({ type: "gather", prompt });
    const input = await this.ask(prompt);
    return this.follow(resolveGather(verb, input), input, verb.method, action);
  }

  private async record(verb: RecordVerb, doc: TwimlDocument): Promise<Step> {
    const action = this.ctx.client.resolve(verb.action ?? doc.url, doc.url);
    const prompt: CallerPrompt = {
      kind: "record",
      ...this.heardSoFar(),
      maxLength: verb.maxLength,
      timeout: verb.timeout,
      finishOnKey: verb.finishOnKey,
      playBeep: verb.playBeep,
      action,
      method: verb.method,
    };
    const input = await this.ask(prompt);
    const resolution = resolveRecord(verb, input, this.ctx.accountSid);
    const submitted = resolution.kind === "submit" ? resolution.params : undefined;
    const seconds = Number(submitted?.RecordingDuration ?? 0);
    this.ctx.emit({ type: "record", prompt, recordingUrl: submitted?.RecordingUrl, seconds });
    return this.follow(resolution, input, verb.method, action);
  }

  private async follow(
    resolution: InputResolution,
    input: CallerInput,
    method: HttpMethod,
    action: string,
  ): Promise<Step> {
    this.ctx.emit({ type: "input", input, outcome: resolution.note });
    this.ctx.advance(resolution.seconds);
    if (resolution.kind === "fallthrough") return "next";
    if (resolution.kind === "hangup") return { kind: "hangup", by: "caller", callStatus: "completed" };
    if (resolution.hangupAfter) {
      // Twilio still reports the recording, but the call is gone: the answer is ignored.
      await this.ctx.client.notify(method, action, { ...this.ctx.params(), ...resolution.params });
      return { kind: "hangup", by: "caller", callStatus: "completed" };
    }
    return this.fetch(method, action, resolution.params);
  }

  private async ask(prompt: CallerPrompt): Promise<CallerInput> {
    const input: unknown = await this.ctx.ask(prompt);
    assertCallerInput(input);
    this.heard = [];
    this.redirects = 0;
    return input;
  }

  private heardSoFar(): { text: string; sayings: Saying[] } {
    return { text: this.heard.map((s) => s.text).join(" "), sayings: [...this.heard] };
  }

  private async fetch(method: HttpMethod, url: string, extra: TwilioParams): Promise<TwimlDocument> {
    const verbs = await this.ctx.client.fetchTwiml(method, url, { ...this.ctx.params(), ...extra });
    return { url, verbs, incoming: false };
  }
}
