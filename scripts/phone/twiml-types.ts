// The TwiML verbs the emulator understands, as plain data. Defaults are filled in by the parser
// (twiml-verbs.ts) so the call logic never re-derives Twilio's rules. An action left undefined
// means "the current document URL", resolved at run time; a language left undefined is as
// written in the TwiML (Twilio then falls back to en-US).

export type HttpMethod = "GET" | "POST";
export type InputMode = "dtmf" | "speech";
type Action = { action: string | undefined; method: HttpMethod };

export interface SayVerb {
  verb: "Say";
  text: string;
  language: string | undefined;
  voice: string | undefined;
  loop: number;
  /** SSML prosody rate as a fraction of the voice's normal speed (0.9 for "90%"), and seconds of SSML `<break>`. */
  rate?: number;
  breakSeconds?: number;
}
/** `<Play digits="…">` sends DTMF tones instead of audio. */
export type PlayVerb = { verb: "Play"; url: string | undefined; digits: string | undefined; loop: number };
export type PauseVerb = { verb: "Pause"; length: number };
export type GatherChild = SayVerb | PlayVerb | PauseVerb;

export type GatherVerb = Action & {
  verb: "Gather";
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
};

export type RecordVerb = Action & {
  verb: "Record";
  timeout: number;
  /** Every key in this set ends the recording. */
  finishOnKey: string;
  maxLength: number;
  playBeep: boolean;
  transcribe: boolean;
};

/** waitUrl undefined: Twilio's own hold music, which the emulator does not fetch. */
export type EnqueueVerb = Action & {
  verb: "Enqueue";
  queue: string;
  waitUrl: string | undefined;
  waitUrlMethod: HttpMethod;
  workflowSid: string | undefined;
};

export type DialTarget = { kind: "Number" | "Client" | "Queue" | "Sip" | "Conference"; value: string; url?: string };
export type DialVerb = Action & { verb: "Dial"; timeout: number; callerId: string | undefined; targets: DialTarget[] };

export type TwimlVerb =
  | SayVerb
  | PlayVerb
  | PauseVerb
  | GatherVerb
  | RecordVerb
  | DialVerb
  | EnqueueVerb
  | { verb: "Redirect"; url: string; method: HttpMethod }
  | { verb: "Hangup" | "Leave" }
  | { verb: "Reject"; reason: "rejected" | "busy" }
  | { verb: "Sms" | "Message"; text: string; to: string | undefined; from: string | undefined };
