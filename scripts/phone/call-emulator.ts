// Plays Twilio's part of one call against our running server: the incoming (or answer) webhook,
// every TwiML verb, the queue wait loop and the final status callback, signed like the real thing.
import type { Caller, CallerInput, CallerPrompt, InputProvider } from "./caller-input.ts";
import type { CallEvent, HangupReason, RequestEvent } from "./call-events.ts";
import { TwimlRunner, type RunOutcome, type TwimlDocument } from "./twiml-runner.ts";
import type { EnqueueVerb } from "./twiml-verbs.ts";
import { newSid, standardParams, type CallIdentity, type TwilioParams } from "./twilio-request.ts";

// One import for tests and benches: the emulator, its callers and the types they meet.
export { signTwilioRequest } from "./twilio-request.ts";
export { ScriptedCaller, ScriptExpectationError, type ScriptStep } from "./scripted-caller.ts";
export type { CallerInput, CallerPrompt, GatherPrompt } from "./caller-input.ts";
export type { CallEvent } from "./call-events.ts";
export { WebhookError } from "./webhook-client.ts";

export interface CallEmulatorOptions {
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  authToken: string;
  /** The URL Twilio would call (PUBLIC_BASE_URL); signatures are made over it. Default: baseUrl. */
  publicBaseUrl?: string;
  from?: string;
  to?: string;
  callSid?: string;
  accountSid?: string;
  fetch?: typeof fetch;
  /** Webhook requests per call before the call is declared looping (default 200). */
  maxRequests?: number;
  /** waitUrl documents played before run() returns with state "queued" (default 3). */
  maxWaitLoops?: number;
  /** Paths or URLs of the first webhook and the status callback (default /voice/incoming, /voice/status). */
  incomingPath?: string;
  statusCallback?: string;
  /** A call the server placed ("outbound-api"), with the answering machine detection Twilio reports. */
  direction?: "inbound" | "outbound-api";
  answeredBy?: "human" | "machine_end_beep";
  asyncAmd?: { callbackUrl: string; answeredBy: "human" | "machine_end_beep" };
  /** A redirect of the live call (the server's calls.update), checked before each verb: its URL, or null. */
  redirected?: () => string | null;
  caller?: Caller | InputProvider;
  /** Where the caller stands in the queue, as reported to the waitUrl (default: first of one). */
  queue?: { position?: number; size?: number };
  onEvent?: (event: CallEvent) => void;
}

/** "failed": an error (HTTP, TwiML, limit) ended the emulation; the exception says why. */
export type CallState = "idle" | "in-progress" | "queued" | "completed" | "failed";

export class CallEmulator extends TwimlRunner {
  readonly identity: CallIdentity;
  private readonly publicBaseUrl: string;
  private caller: Caller | undefined;
  private waiting: { verb: EnqueueVerb; doc: TwimlDocument; next: number; sid: string; since: number } | undefined;
  private current: CallState = "idle";

  constructor(private readonly options: CallEmulatorOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, "");
    const publicBaseUrl = (options.publicBaseUrl ?? baseUrl).replace(/\/+$/, "");
    const accountSid = options.accountSid ?? "AC00000000000000000000000000000000";
    const transport = { baseUrl, publicBaseUrl, authToken: options.authToken, fetch: options.fetch ?? fetch };
    super({ ...transport, maxRequests: options.maxRequests ?? 200 }, accountSid);
    this.publicBaseUrl = publicBaseUrl;
    this.identity = {
      callSid: options.callSid ?? newSid("CA"),
      accountSid,
      from: options.from ?? "+4952411234567",
      to: options.to ?? "+49800116117",
    };
    this.caller = toCaller(options.caller);
  }

  get state(): CallState {
    return this.current;
  }
  get requests(): RequestEvent[] {
    return this.events.filter((e) => e.type === "request");
  }
  get httpStatuses(): number[] {
    return this.requests.map((r) => r.status);
  }
  get elapsedSeconds(): number {
    return this.clock;
  }
  /** All Say text in order, joined by newlines (loops are said once here). */
  spokenText(): string {
    return this.events.flatMap((e) => (e.type === "say" ? [e.text] : [])).join("\n");
  }
  /** The last Gather or Record prompt the caller was given. */
  lastPrompt(): CallerPrompt | undefined {
    const last = this.events.findLast((e) => e.type === "gather" || e.type === "record");
    return last?.type === "gather" || last?.type === "record" ? last.prompt : undefined;
  }

  /** Places the call and follows it until it ends or waits in a queue. */
  async run(caller?: Caller | InputProvider): Promise<CallState> {
    if (this.current !== "idle") throw new Error(`run() on a call that is ${this.current}`);
    if (caller !== undefined) this.caller = toCaller(caller);
    this.current = "in-progress";
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
      return this.continueWith(await this.follow({ url, verbs }, 0, "call"));
    });
  }

  /** An agent took the call from the queue (and they parted): Twilio requests the Enqueue action with "bridged". */
  bridgeToAgent = () => this.guard(() => this.dequeue("bridged"));
  /** The caller leaves the queue: "leave" (like <Leave>) or "hangup" (the caller gave up). */
  leaveQueue = (result: "leave" | "hangup" = "leave") => this.guard(() => this.dequeue(result));

  /** The status callback that ends every call, also one whose webhook failed (it releases the caller's hold). */
  async reportStatus(callStatus = "completed"): Promise<void> {
    await this.client.notify("POST", this.publicUrl(this.options.statusCallback ?? "/voice/status"), {
      ...this.params(callStatus),
      CallDuration: String(Math.ceil(this.clock)),
    });
  }

  private async guard(step: () => Promise<CallState>): Promise<CallState> {
    try {
      return await step();
    } catch (error) {
      this.current = "failed";
      throw error;
    }
  }

  protected async ask(prompt: CallerPrompt): Promise<CallerInput> {
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
    this.waiting = { verb, doc, next, sid: newSid("QU"), since: this.clock };
    this.current = "queued"; // already while the wait music plays, so <Leave> can dequeue
    const waitUrl = verb.waitUrl && new URL(verb.waitUrl, doc.url).href;
    this.emit({ type: "enqueue", queue: verb.queue, waitUrl });
    const queue = this.options.queue ?? {};
    for (let loop = 1; waitUrl !== undefined && loop <= (this.options.maxWaitLoops ?? 3); loop++) {
      const params = {
        QueueSid: this.waiting.sid,
        QueuePosition: String(queue.position ?? 1),
        QueueTime: String(this.queueTime()),
        CurrentQueueSize: String(queue.size ?? queue.position ?? 1),
      };
      const outcome = await this.follow(await this.fetch(waitUrl, params), 0, "wait");
      if (outcome.kind === "leave" || outcome.kind === "hangup") return this.dequeue(outcome.kind);
      this.clock += 1; // Twilio does not re-request instantly; keeps QueueTime moving even for silent wait docs
    }
    return this.current;
  }

  private async dequeue(result: "leave" | "hangup" | "bridged"): Promise<CallState> {
    const waiting = this.waiting;
    if (waiting === undefined || this.current !== "queued")
      throw new Error(
        `cannot ${result === "bridged" ? "bridge" : "leave"}: the call is not in a queue (state ${this.current})`,
      );
    const params = { QueueResult: result, QueueSid: waiting.sid, QueueTime: String(this.queueTime()) };
    this.waiting = undefined;
    this.current = "in-progress";
    this.emit({ type: "dequeue", result });
    const { verb, doc } = waiting;
    const action = verb.action && new URL(verb.action, doc.url).href;
    if (result === "hangup") {
      // The caller is gone: Twilio reports it to the action but ignores the answer.
      if (action !== undefined) await this.client.notify("POST", action, { ...this.params("in-progress"), ...params });
      return this.finish("queue-hangup", "completed");
    }
    if (action === undefined) return this.continueWith(await this.follow(doc, waiting.next, "call"));
    return this.continueWith(await this.follow(await this.fetch(action, params), 0, "call"));
  }

  private async finish(by: HangupReason, callStatus: string): Promise<CallState> {
    this.emit({ type: "hangup", by, callStatus });
    this.current = "completed";
    await this.reportStatus(callStatus);
    return this.current;
  }

  private queueTime(): number {
    return this.waiting === undefined ? 0 : Math.round(this.clock - this.waiting.since);
  }

  protected params(callStatus: string): TwilioParams {
    const params = { ...standardParams(this.identity, callStatus), Direction: this.options.direction ?? "inbound" };
    return this.options.answeredBy ? { ...params, AnsweredBy: this.options.answeredBy } : params;
  }

  /** Configured paths hang off the public base URL, which may itself have a path. */
  private publicUrl(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.publicBaseUrl}/${path.replace(/^\//, "")}`;
  }

  protected redirected(): string | null {
    return this.options.redirected?.() ?? null;
  }

  protected emit(event: CallEvent): void {
    this.events.push(event);
    this.options.onEvent?.(event);
  }
}

function toCaller(caller: Caller | InputProvider | undefined): Caller | undefined {
  return typeof caller === "function" ? { answer: caller } : caller;
}
