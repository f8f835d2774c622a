// The transcript of one emulated call: a typed event log plus the questions
// tests ask most often ("what was said?", "what did the last prompt say?").
import type { CallerInput, CallerPrompt } from "./caller-input.ts";
import type { DialTarget, HttpMethod } from "./twiml-types.ts";
import type { TwilioParams } from "./twilio-request.ts";

export type HangupReason = "twiml" | "end-of-twiml" | "caller" | "reject" | "queue-hangup";

export type CallEvent =
  | { type: "request"; method: HttpMethod; url: string; params: TwilioParams; status: number; ms: number }
  | {
      type: "say";
      text: string;
      language: string | undefined;
      voice: string | undefined;
      loop: number;
      inGather: boolean;
      /** SSML prosody rate (0.9 for "90%"), when the Say sets one. */
      rate?: number;
      /** Seconds of SSML breaks inside the Say. */
      breakSeconds?: number;
    }
  | { type: "play"; url: string | undefined; digits: string | undefined }
  | { type: "pause"; seconds: number; inGather?: boolean }
  | { type: "gather"; prompt: CallerPrompt }
  | { type: "input"; input: CallerInput; outcome: string }
  | { type: "record"; prompt: CallerPrompt; recordingUrl: string | undefined; seconds: number }
  | { type: "redirect"; url: string }
  | { type: "enqueue"; queue: string; waitUrl: string | undefined }
  | { type: "queue-wait"; loop: number; queueTime: number }
  | { type: "dequeue"; result: "leave" | "hangup" | "bridged" }
  | { type: "dial"; targets: DialTarget[]; outcome: string }
  | { type: "message"; verb: "Sms" | "Message"; text: string; to: string | undefined }
  | { type: "hangup"; by: HangupReason; callStatus: string };

export type RequestEvent = Extract<CallEvent, { type: "request" }>;

export class CallTranscript {
  readonly events: CallEvent[] = [];

  add(event: CallEvent): void {
    this.events.push(event);
  }

  /** All Say text in order, joined by newlines (loops are said once here). */
  spokenText(): string {
    return this.events.flatMap((e) => (e.type === "say" ? [e.text] : [])).join("\n");
  }

  /** The last Gather or Record prompt the caller was given. */
  lastPrompt(): CallerPrompt | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i];
      if (event?.type === "gather" || event?.type === "record") return event.prompt;
    }
    return undefined;
  }

  get requests(): RequestEvent[] {
    return this.events.filter((e): e is RequestEvent => e.type === "request");
  }

  get httpStatuses(): number[] {
    return this.requests.map((r) => r.status);
  }
}
