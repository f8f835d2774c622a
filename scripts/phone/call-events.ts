// The events of one emulated call, in order: what tests, benches and the terminal look at.
import type { CallerInput, CallerPrompt } from "./caller-input.ts";
import type { DialTarget, HttpMethod, SayVerb } from "./twiml-verbs.ts";
import type { TwilioParams } from "./twilio-request.ts";

/** "reject" stays for callers that check it, though the hotline sends no <Reject>. */
export type HangupReason = "twiml" | "end-of-twiml" | "caller" | "reject" | "queue-hangup";

export type CallEvent =
  | { type: "request"; method: HttpMethod; url: string; params: TwilioParams; status: number; ms: number }
  | ({ type: "say"; inGather: boolean } & Omit<SayVerb, "verb">)
  | { type: "play"; url: string }
  | { type: "pause"; seconds: number; inGather?: boolean }
  | { type: "gather"; prompt: CallerPrompt }
  | { type: "input"; input: CallerInput; outcome: string }
  | { type: "record"; prompt: CallerPrompt; recordingUrl: string | undefined }
  | { type: "redirect"; url: string }
  | { type: "enqueue"; queue: string; waitUrl: string | undefined }
  | { type: "dequeue"; result: "leave" | "hangup" | "bridged" }
  | { type: "dial"; targets: DialTarget[] }
  | { type: "hangup"; by: HangupReason; callStatus: string };

export type RequestEvent = Extract<CallEvent, { type: "request" }>;
