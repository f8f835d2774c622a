// The TwiML verbs the emulator understands, as plain data. Defaults are
// filled in by the parser so the call logic never re-derives Twilio's rules.

export type HttpMethod = "GET" | "POST";
export type InputMode = "dtmf" | "speech";

export interface SayVerb {
  verb: "Say";
  text: string;
  /** As written in the TwiML; Twilio falls back to en-US when absent. */
  language: string | undefined;
  voice: string | undefined;
  loop: number;
  /** SSML prosody rate as a fraction of the voice's normal speed (0.9 for "90%"). */
  rate?: number;
  /** Seconds of SSML `<break>` inside the Say. */
  breakSeconds?: number;
}

export interface PlayVerb {
  verb: "Play";
  url: string | undefined;
  /** `<Play digits="…">` sends DTMF tones instead of audio. */
  digits: string | undefined;
  loop: number;
}

export interface PauseVerb {
  verb: "Pause";
  length: number;
}

export type GatherChild = SayVerb | PlayVerb | PauseVerb;

export interface GatherVerb {
  verb: "Gather";
  /** Undefined means "the current document URL", resolved at run time. */
  action: string | undefined;
  method: HttpMethod;
  input: InputMode[];
  numDigits: number | undefined;
  /** A single key, or "" when no key ends the input. */
  finishOnKey: string;
  timeout: number;
  speechTimeout: string | undefined;
  language: string | undefined;
  hints: string | undefined;
  actionOnEmptyResult: boolean;
  children: GatherChild[];
}

export interface RecordVerb {
  verb: "Record";
  action: string | undefined;
  method: HttpMethod;
  timeout: number;
  /** Every key in this set ends the recording. */
  finishOnKey: string;
  maxLength: number;
  playBeep: boolean;
  transcribe: boolean;
}

export interface RedirectVerb {
  verb: "Redirect";
  url: string;
  method: HttpMethod;
}

export interface HangupVerb {
  verb: "Hangup";
}

export interface RejectVerb {
  verb: "Reject";
  reason: "rejected" | "busy";
}

export interface EnqueueVerb {
  verb: "Enqueue";
  queue: string;
  action: string | undefined;
  method: HttpMethod;
  /** Undefined means Twilio's own hold music, which the emulator does not fetch. */
  waitUrl: string | undefined;
  waitUrlMethod: HttpMethod;
  workflowSid: string | undefined;
}

export interface DialTarget {
  kind: "Number" | "Client" | "Queue" | "Sip" | "Conference";
  value: string;
  url: string | undefined;
}

export interface DialVerb {
  verb: "Dial";
  action: string | undefined;
  method: HttpMethod;
  timeout: number;
  callerId: string | undefined;
  targets: DialTarget[];
}

export interface LeaveVerb {
  verb: "Leave";
}

export interface MessageVerb {
  verb: "Sms" | "Message";
  text: string;
  to: string | undefined;
  from: string | undefined;
}

export type TwimlVerb =
  | SayVerb
  | PlayVerb
  | PauseVerb
  | GatherVerb
  | RecordVerb
  | RedirectVerb
  | HangupVerb
  | RejectVerb
  | EnqueueVerb
  | DialVerb
  | LeaveVerb
  | MessageVerb;
