// Plays Twilio's part of one inbound call against our running server: the
// incoming webhook, every TwiML verb, the queue wait loop and the final
// status callback, all signed with the auth token like the real thing.
import type { Caller, CallerInput, CallerPrompt, InputProvider } from "./caller-input.ts";
import { toCaller, trimSlash, type CallEmulatorOptions } from "./call-options.ts";
import { CallTranscript, type CallEvent, type HangupReason, type RequestEvent } from "./call-events.ts";
import { TwimlRunner, type RunOutcome, type TwimlDocument } from "./twiml-runner.ts";
import type { EnqueueVerb } from "./twiml-types.ts";
import { newSid, standardParams, type CallIdentity, type TwilioParams } from "./twilio-request.ts";
import { WebhookClient } from "./webhook-client.ts";

// One import for tests: the emulator, its callers and the types they meet.
export { signTwilioRequest, type TwilioParams } from "./twilio-request.ts";
export type { CallEmulatorOptions } from "./call-options.ts";
export { ScriptedCaller, ScriptExpectationError, type ScriptStep } from "./scripted-caller.ts";
export {
  parseCallerInput,
  type Caller,
  type CallerInput,
  type CallerPrompt,
  type GatherPrompt,
  type InputProvider,
} from "./caller-input.ts";
export type { CallEvent, HangupReason } from "./call-events.ts";

/** "failed": an error (HTTP, TwiML, limit) ended the emulation; the exception says why. */
export type CallState = "idle" | "in-progress" | "queued" | "completed" | "failed";

interface QueueWait {
  verb: EnqueueVerb;
  doc: TwimlDocument;
  next: number;
  sid: string;
  enteredAt: number;
}

export class CallEmulator {
  readonly identity: CallIdentity;
  readonly transcript = new CallTranscript();
  private readonly client: WebhookClient;
  private readonly runner: TwimlRunner;
  private readonly publicBaseUrl: string;
  private caller: Caller | undefined;
  /** Name of the queue the call is waiting in (or last waited in). */
  queueName: string | undefined;
  private clock = 0;
  private waiting: QueueWait | undefined;
  private currentState: CallState = "idle";

  constructor(private readonly options: CallEmulatorOptions) {
    const baseUrl = trimSlash(options.baseUrl);
    this.publicBaseUrl = trimSlash(options.publicBaseUrl ?? baseUrl);
    this.identity = {
      callSid: options.callSid ?? newSid("CA"),
      accountSid: options.accountSid ?? "AC00000000000000000000000000000000",
      from: options.from ?? "+4952411234567",
      to: options.to ?? "+49800116117",
    };
    this.caller = toCaller(options.caller);
    this.client = new WebhookClient({
      baseUrl,
      publicBaseUrl: this.publicBaseUrl,
      authToken: options.authToken,
      fetch: options.fetch ?? fetch,
      maxRequests: options.maxRequests ?? 200,
      onRequest: (event) => this.emit(event),
    });
    this.runner = new TwimlRunner({
      client: this.client,
      ask: (prompt) => this.ask(prompt),
      accountSid: this.identity.accountSid,
      maxRedirects: options.maxRedirects ?? 50,
      dialOutcome: options.dialOutcome ?? "completed",
      emit: (event) => this.emit(event),
      params: () => this.params("in-progress"),
      redirected: options.redirected,
      advance: (seconds) => {
        this.clock += seconds;
      },
    });
  }

  get state(): CallState {
    return this.currentState;
  }
  get events(): CallEvent[] {
    return this.transcript.events;
  }
  get requests(): RequestEvent[] {
    return this.transcript.requests;
  }
  get httpStatuses(): number[] {
    return this.transcript.httpStatuses;
  }
  spokenText(): string {
    return this.transcript.spokenText();
  }
  lastPrompt(): CallerPrompt | undefined {
    return this.transcript.lastPrompt();
  }
  /** Emulated call time in seconds (speech, pauses, timeouts), as reported in CallDuration. */
  get elapsedSeconds(): number {
    return this.clock;
  }

  /** Places the call and follows it until it ends or waits in a queue. */
  async run(caller?: Caller | InputProvider): Promise<CallState> {
    if (this.currentState !== "idle") throw new Error(`run() on a call that is ${this.currentState}`);
    if (caller !== undefined) this.caller = toCaller(caller);
    this.currentState = "in-progress";
    return this.guard(async () => {
      const url = this.publicUrl(this.options.incomingPath ?? "/voice/incoming");
      const answered = this.options.direction === "outbound-api" ? "in-progress" : "ringing";
      const verbs = await this.client.fetchTwiml("POST", url, this.params(answered));
      const amd = this.options.asyncAmd;
      if (amd)
        await this.client.notify("POST", this.publicUrl(amd.callbackUrl), {
          CallSid: this.identity.callSid,
          AccountSid: this.identity.accountSid,
          AnsweredBy: amd.answeredBy,
          MachineDetectionDuration: amd.answeredBy === "human" ? "2100" : "7400",
        });
      return this.continueWith(await this.runner.run({ url, verbs, incoming: true }, 0, "call"));
    });
  }

  /** An agent took the call from the queue; when they part, Twilio requests the Enqueue action with "bridged". */
  bridgeToAgent(): Promise<CallState> {
    return this.guard(() => this.dequeue("bridged"));
  }

  /** The caller leaves the queue: "leave" (like <Leave>) or "hangup" (the caller gave up). */
  leaveQueue(result: "leave" | "hangup" = "leave"): Promise<CallState> {
    return this.guard(() => this.dequeue(result));
  }

  private async guard(step: () => Promise<CallState>): Promise<CallState> {
    try {
      return await step();
    } catch (error) {
      this.currentState = "failed";
      throw error;
    }
  }

  private async ask(prompt: CallerPrompt): Promise<CallerInput> {
    if (this.caller === undefined) {
      const verb = prompt.kind === "gather" ? "Gather" : "Record";
      throw new Error(`TwiML reached <${verb}> but the emulator has no caller. Prompt: "${prompt.text}"`);
    }
    return this.caller.answer(prompt);
  }

  private async continueWith(outcome: RunOutcome): Promise<CallState> {
    switch (outcome.kind) {
      case "end":
        return this.finish("end-of-twiml", "completed");
      case "hangup":
        return this.finish(outcome.by, outcome.callStatus);
      case "leave":
        throw new Error("<Leave> outside a queue"); // the runner refuses this in call mode
      case "enqueue":
        return this.enqueue(outcome.verb, outcome.doc, outcome.next);
    }
  }

  /** Plays the waitUrl up to maxWaitLoops times, as Twilio re-requests it whenever it runs out. */
  private async enqueue(verb: EnqueueVerb, doc: TwimlDocument, next: number): Promise<CallState> {
    this.queueName = verb.queue;
    this.waiting = { verb, doc, next, sid: newSid("QU"), enteredAt: this.clock };
    this.currentState = "queued"; // already while the wait music plays, so <Leave> can dequeue
    const waitUrl = verb.waitUrl === undefined ? undefined : this.client.resolve(verb.waitUrl, doc.url);
    this.emit({ type: "enqueue", queue: verb.queue, waitUrl });
    const loops = this.options.maxWaitLoops ?? 3;
    for (let loop = 1; waitUrl !== undefined && loop <= loops; loop++) {
      this.emit({ type: "queue-wait", loop, queueTime: this.queueTime() });
      const params = { ...this.params("in-progress"), ...this.queueParams() };
      const verbs = await this.client.fetchTwiml(verb.waitUrlMethod, waitUrl, params);
      const outcome = await this.runner.run({ url: waitUrl, verbs, incoming: false }, 0, "wait");
      if (outcome.kind === "leave") return this.dequeue("leave");
      if (outcome.kind === "hangup") return this.dequeue("hangup");
      if (outcome.kind !== "end") throw new Error(`unexpected ${outcome.kind} in a waitUrl document`);
      this.clock += 1; // Twilio does not re-request instantly; keeps QueueTime moving even for silent wait docs
    }
    return this.currentState;
  }

  private async dequeue(result: "leave" | "hangup" | "bridged"): Promise<CallState> {
    const waiting = this.waiting;
    if (waiting === undefined || this.currentState !== "queued") {
      throw new Error(
        `cannot ${result === "bridged" ? "bridge" : "leave"}: the call is not in a queue (state ${this.currentState})`,
      );
    }
    this.waiting = undefined;
    this.currentState = "in-progress";
    this.emit({ type: "dequeue", result });
    const { verb, doc } = waiting;
    const params = {
      ...this.params("in-progress"),
      QueueResult: result,
      QueueSid: waiting.sid,
      QueueTime: String(this.queueTime(waiting)),
    };
    const action = verb.action === undefined ? undefined : this.client.resolve(verb.action, doc.url);
    if (result === "hangup") {
      // The caller is gone: Twilio reports it to the action but ignores the answer.
      if (action !== undefined) await this.client.notify(verb.method, action, params);
      return this.finish("queue-hangup", "completed");
    }
    if (action === undefined) return this.continueWith(await this.runner.run(doc, waiting.next, "call"));
    const verbs = await this.client.fetchTwiml(verb.method, action, params);
    return this.continueWith(await this.runner.run({ url: action, verbs, incoming: false }, 0, "call"));
  }

  private async finish(by: HangupReason, callStatus: string): Promise<CallState> {
    this.emit({ type: "hangup", by, callStatus });
    this.currentState = "completed";
    await this.reportStatus(callStatus);
    return this.currentState;
  }

  /**
   * The status callback that ends every call. Also after a webhook failed: Twilio then plays its
   * fallback, the call ends, and the callback still arrives (which releases the caller's hold).
   */
  async reportStatus(callStatus = "completed"): Promise<void> {
    const target = this.options.statusCallback ?? "/voice/status";
    if (target === false) return;
    await this.client.notify("POST", this.publicUrl(target), {
      ...this.params(callStatus),
      CallDuration: String(Math.ceil(this.clock)),
      Timestamp: new Date().toUTCString().replace("GMT", "+0000"),
      CallbackSource: "call-progress-events",
      SequenceNumber: "0", // only the "completed" event is subscribed, as with a plain StatusCallback
    });
  }

  private queueParams(): TwilioParams {
    const q = this.options.queue ?? {};
    return {
      QueueSid: this.waiting?.sid ?? "",
      QueuePosition: String(q.position ?? 1),
      QueueTime: String(this.queueTime()),
      AvgQueueTime: String(q.averageWaitSeconds ?? 0),
      CurrentQueueSize: String(q.size ?? q.position ?? 1),
      MaxQueueSize: String(q.maxSize ?? 1000),
    };
  }

  private queueTime(waiting = this.waiting): number {
    return waiting === undefined ? 0 : Math.round(this.clock - waiting.enteredAt);
  }

  private params(callStatus: string): TwilioParams {
    const params = { ...standardParams(this.identity, callStatus), Direction: this.options.direction ?? "inbound" };
    return this.options.answeredBy ? { ...params, AnsweredBy: this.options.answeredBy } : params;
  }

  /** Configured paths hang off the public base URL, which may itself have a path. */
  private publicUrl(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) return pathOrUrl;
    return this.publicBaseUrl + (pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`);
  }

  private emit(event: CallEvent): void {
    this.transcript.add(event);
    this.options.onEvent?.(event);
  }
}

export { WebhookError } from "./webhook-client.ts";
