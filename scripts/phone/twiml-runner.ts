// Executes TwiML verb by verb, the way Twilio walks a document: each verb in order, and a new
// document whenever a verb hands control to a URL (Gather with input, Record, Redirect). Queue
// handling and the call's lifecycle live in call-emulator.ts; this file only follows TwiML.
import { assertCallerInput, type CallerInput, type CallerPrompt } from "./caller-input.ts";
import type { CallEvent, HangupReason } from "./call-events.ts";
import { resolveGather, resolveRecord, speakingSeconds, type InputResolution } from "./input-resolution.ts";
import type { EnqueueVerb, GatherVerb, HttpMethod, RecordVerb, SayVerb, TwimlVerb } from "./twiml-verbs.ts";
import type { TwilioParams } from "./twilio-request.ts";
import { WebhookError, type WebhookClient } from "./webhook-client.ts";

export interface TwimlDocument {
  /** Public URL the document was fetched from; relative URLs resolve against it. */
  url: string;
  verbs: TwimlVerb[];
}

/** Where control goes when a document stops being followed. */
export type RunOutcome =
  | { kind: "end" }
  | { kind: "hangup"; by: HangupReason; callStatus: string }
  | { kind: "enqueue"; verb: EnqueueVerb; doc: TwimlDocument; next: number }
  | { kind: "leave" };

/** After one verb: go on in this document, continue in a fetched one, or stop following TwiML. */
type Step = "next" | TwimlDocument | RunOutcome;

/** "wait": a queue's waitUrl document, where only some verbs are allowed. */
export type RunMode = "call" | "wait";

/** What the runner needs from the call around it. */
export interface RunContext {
  client: WebhookClient;
  /** Asks the caller; throws when there is nobody to ask. */
  ask(prompt: CallerPrompt): Promise<CallerInput>;
  accountSid: string;
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
  /** Says since the caller last answered: the text of the next prompt. */
  private heard: string[] = [];

  constructor(private readonly ctx: RunContext) {}

  async run(start: TwimlDocument, from: number, mode: RunMode): Promise<RunOutcome> {
    let doc = start;
    let index = from;
    for (;;) {
      let step: Step;
      // A call update interrupts the document: Twilio fetches the new URL and follows it instead.
      const moved = this.ctx.redirected?.();
      if (moved) {
        this.ctx.emit({ type: "redirect", url: moved });
        step = await this.fetch("POST", moved, {});
      } else {
        const verb = doc.verbs[index++];
        if (verb === undefined) return { kind: "end" };
        if (mode === "wait" && !WAIT_VERBS.has(verb.verb))
          throw new WebhookError(`<${verb.verb}> is not allowed in a queue waitUrl document (${doc.url})`, "twiml");
        step = await this.perform(verb, doc, index, mode);
      }
      if (step === "next") continue;
      if (!("url" in step)) return step;
      doc = step;
      index = 0;
    }
  }

  private async perform(verb: TwimlVerb, doc: TwimlDocument, next: number, mode: RunMode): Promise<Step> {
    const ctx = this.ctx;
    switch (verb.verb) {
      case "Say":
        this.say(verb, false);
        return "next";
      case "Play":
        ctx.emit({ type: "play", url: verb.url });
        ctx.advance(5);
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
        const url = ctx.client.resolve(verb.url, doc.url);
        ctx.emit({ type: "redirect", url });
        return this.fetch(verb.method, url, {});
      }
      case "Hangup":
        return { kind: "hangup", by: "twiml", callStatus: "completed" };
      case "Enqueue":
        return { kind: "enqueue", verb, doc, next };
      case "Leave":
        if (mode !== "wait") throw new WebhookError(`<Leave> outside a queue waitUrl document (${doc.url})`, "twiml");
        return { kind: "leave" };
      case "Dial":
        // Nobody can be dialled from here; without an action Twilio goes on after the dialled call.
        ctx.emit({ type: "dial", targets: verb.targets });
        return "next";
    }
  }

  private say(verb: SayVerb, inGather: boolean): void {
    const { text, language, voice, loop, rate, breakSeconds = 0 } = verb;
    this.ctx.emit({ type: "say", text, language, voice, loop, inGather, rate, breakSeconds });
    this.heard.push(text);
    this.ctx.advance(speakingSeconds(text) * Math.max(1, loop));
  }

  private async gather(verb: GatherVerb, doc: TwimlDocument, mode: RunMode): Promise<Step> {
    for (const child of verb.children) {
      if (child.verb === "Say") this.say(child, true);
      else if (child.verb === "Play") this.ctx.emit({ type: "play", url: child.url });
      else this.ctx.emit({ type: "pause", seconds: child.length, inGather: true });
    }
    const { input, numDigits, finishOnKey, timeout, language, hints, actionOnEmptyResult, method } = verb;
    const action = this.ctx.client.resolve(verb.action ?? doc.url, doc.url);
    const prompt: CallerPrompt = {
      kind: "gather",
      text: this.heard.join(" "),
      ...{ input, numDigits, finishOnKey, timeout, language, hints, actionOnEmptyResult, method, action },
      inQueue: mode === "wait",
    };
    this.ctx.emit({ type: "gather", prompt });
    const answer = await this.ask(prompt);
    return this.follow(resolveGather(verb, answer), answer, method, action);
  }

  private async record(verb: RecordVerb, doc: TwimlDocument): Promise<Step> {
    const { maxLength, timeout, finishOnKey, playBeep, method } = verb;
    const action = this.ctx.client.resolve(verb.action ?? doc.url, doc.url);
    const prompt: CallerPrompt = {
      kind: "record",
      text: this.heard.join(" "),
      ...{ maxLength, timeout, finishOnKey, playBeep, method, action },
    };
    const answer = await this.ask(prompt);
    const resolution = resolveRecord(verb, answer, this.ctx.accountSid);
    const recordingUrl = resolution.kind === "submit" ? resolution.params.RecordingUrl : undefined;
    this.ctx.emit({ type: "record", prompt, recordingUrl });
    return this.follow(resolution, answer, method, action);
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
    const hangup: RunOutcome = { kind: "hangup", by: "caller", callStatus: "completed" };
    if (resolution.kind === "hangup") return hangup;
    if (!resolution.hangupAfter) return this.fetch(method, action, resolution.params);
    // Twilio still reports the recording, but the call is gone: the answer is ignored.
    await this.ctx.client.notify(method, action, { ...this.ctx.params(), ...resolution.params });
    return hangup;
  }

  private async ask(prompt: CallerPrompt): Promise<CallerInput> {
    const input: unknown = await this.ctx.ask(prompt);
    assertCallerInput(input);
    this.heard = [];
    return input;
  }

  private async fetch(method: HttpMethod, url: string, extra: TwilioParams): Promise<TwimlDocument> {
    const verbs = await this.ctx.client.fetchTwiml(method, url, { ...this.ctx.params(), ...extra });
    return { url, verbs };
  }
}
