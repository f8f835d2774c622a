// Executes TwiML verb by verb, the way Twilio walks a document: each verb in order, and a new
// document whenever a verb hands control to a URL (Gather with input, Record, Redirect). The call
// around it (call-emulator.ts) adds the lifecycle, the queue and the caller.
import type { CallerInput, CallerPrompt } from "./caller-input.ts";
import type { CallEvent, HangupReason } from "./call-events.ts";
import { resolveGather, resolveRecord, speakingSeconds, type InputResolution } from "./input-resolution.ts";
import type { EnqueueVerb, GatherVerb, RecordVerb, SayVerb, TwimlVerb } from "./twiml-verbs.ts";
import type { TwilioParams } from "./twilio-request.ts";
import { WebhookClient, WebhookError, type WebhookClientOptions } from "./webhook-client.ts";

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

/** "wait": a queue's waitUrl document, where Twilio allows only these verbs. */
type RunMode = "call" | "wait";
const WAIT_VERBS = new Set(["Say", "Play", "Pause", "Gather", "Redirect", "Leave", "Hangup"]);

export abstract class TwimlRunner {
  readonly events: CallEvent[] = [];
  protected readonly client: WebhookClient;
  /** Emulated call time in seconds (speech, pauses, timeouts), as reported in CallDuration. */
  protected clock = 0;
  /** Says since the caller last answered: the text of the next prompt. */
  private heard: string[] = [];

  constructor(
    client: Omit<WebhookClientOptions, "onRequest">,
    private readonly accountSid: string,
  ) {
    this.client = new WebhookClient({ ...client, onRequest: (event) => this.emit(event) });
  }

  protected abstract ask(prompt: CallerPrompt): Promise<CallerInput>;
  /** Standard parameters of the call as it is now. */
  protected abstract params(callStatus: string): TwilioParams;
  /** The URL the live call was moved to meanwhile (Twilio's call update), or null. */
  protected abstract redirected(): string | null;
  protected abstract emit(event: CallEvent): void;

  protected async follow(start: TwimlDocument, from: number, mode: RunMode): Promise<RunOutcome> {
    let doc = start;
    let index = from;
    for (;;) {
      let step: Step;
      // A call update interrupts the document: Twilio fetches the new URL and follows it instead.
      const moved = this.redirected();
      if (moved) {
        this.emit({ type: "redirect", url: moved });
        step = await this.fetch(moved);
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

  /** Requests a TwiML document the call continues with. */
  protected async fetch(url: string, extra: TwilioParams = {}): Promise<TwimlDocument> {
    return { url, verbs: await this.client.fetchTwiml("POST", url, { ...this.params("in-progress"), ...extra }) };
  }

  private async perform(verb: TwimlVerb, doc: TwimlDocument, next: number, mode: RunMode): Promise<Step> {
    switch (verb.verb) {
      case "Say":
        this.say(verb, false);
        return "next";
      case "Play":
        this.emit({ type: "play", url: verb.url });
        this.clock += 5;
        return "next";
      case "Pause":
        this.emit({ type: "pause", seconds: verb.length });
        this.clock += verb.length;
        return "next";
      case "Gather":
        return this.gather(verb, doc, mode);
      case "Record":
        return this.record(verb, doc);
      case "Redirect": {
        const url = new URL(verb.url, doc.url).href;
        this.emit({ type: "redirect", url });
        return this.fetch(url);
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
        this.emit({ type: "dial", targets: verb.targets });
        return "next";
    }
  }

  private say(verb: SayVerb, inGather: boolean): void {
    const { verb: _verb, ...said } = verb;
    this.emit({ type: "say", ...said, inGather });
    this.heard.push(verb.text);
    this.clock += speakingSeconds(verb.text) * Math.max(1, verb.loop);
  }

  private async gather(verb: GatherVerb, doc: TwimlDocument, mode: RunMode): Promise<Step> {
    for (const child of verb.children) {
      if (child.verb === "Say") this.say(child, true);
      else if (child.verb === "Play") this.emit({ type: "play", url: child.url });
      else this.emit({ type: "pause", seconds: child.length, inGather: true });
    }
    const { verb: _verb, children: _children, ...settings } = verb;
    const action = new URL(verb.action ?? doc.url, doc.url).href;
    const prompt: CallerPrompt = {
      kind: "gather",
      ...settings,
      text: this.heard.join(" "),
      action,
      inQueue: mode === "wait",
    };
    this.emit({ type: "gather", prompt });
    const answer = await this.answer(prompt);
    return this.submit(resolveGather(verb, answer), answer, action);
  }

  private async record(verb: RecordVerb, doc: TwimlDocument): Promise<Step> {
    const { verb: _verb, ...settings } = verb;
    const action = new URL(verb.action ?? doc.url, doc.url).href;
    const prompt: CallerPrompt = { kind: "record", ...settings, text: this.heard.join(" "), action };
    const answer = await this.answer(prompt);
    const resolution = resolveRecord(verb, answer, this.accountSid);
    const recordingUrl = resolution.kind === "submit" ? resolution.params.RecordingUrl : undefined;
    this.emit({ type: "record", prompt, recordingUrl });
    return this.submit(resolution, answer, action);
  }

  private async answer(prompt: CallerPrompt): Promise<CallerInput> {
    const input = await this.ask(prompt);
    this.heard = [];
    return input;
  }

  private async submit(resolution: InputResolution, input: CallerInput, action: string): Promise<Step> {
    this.emit({ type: "input", input, outcome: resolution.note });
    this.clock += resolution.seconds;
    if (resolution.kind === "fallthrough") return "next";
    const hangup: RunOutcome = { kind: "hangup", by: "caller", callStatus: "completed" };
    if (resolution.kind === "hangup") return hangup;
    if (!resolution.hangupAfter) return this.fetch(action, resolution.params);
    // Twilio still reports the recording, but the call is gone: the answer is ignored.
    await this.client.notify("POST", action, { ...this.params("in-progress"), ...resolution.params });
    return hangup;
  }
}
