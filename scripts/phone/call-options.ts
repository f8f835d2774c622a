// Options of one emulated call, and the small normalisations applied to them.
import type { Caller, InputProvider } from "./caller-input.ts";
import type { CallEvent } from "./call-events.ts";

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
  /** Consecutive <Redirect>s without caller input before the call is declared looping (default 50). */
  maxRedirects?: number;
  /** Webhook requests per call before the call is declared looping (default 200). */
  maxRequests?: number;
  /** waitUrl documents played before run() returns with state "queued" (default 3). */
  maxWaitLoops?: number;
  /** Path or URL of the status callback, or false for none (default "/voice/status"). */
  statusCallback?: string | false;
  incomingPath?: string;
  /**
   * An outbound call placed with machine detection: Twilio's AnsweredBy on every webhook
   * ("human", or "machine_end_beep" for an answering machine after its beep).
   */
  answeredBy?: "human" | "machine_end_beep" | "machine_start" | "fax" | "unknown";
  /**
   * "outbound-api": a call the server placed and the callee answered (the terminal phone's
   * --answer): the answer webhook comes "in-progress", every request says outbound-api.
   */
  direction?: "inbound" | "outbound-api";
  /**
   * Asynchronous machine detection (Twilio's asyncAmd): the answer webhook carries no AnsweredBy;
   * the result goes to this callback right after it, while the TwiML plays.
   */
  asyncAmd?: { callbackUrl: string; answeredBy: "human" | "machine_end_beep" | "machine_end_silence" | "unknown" };
  /** A redirect of the live call (the server's calls.update), checked before each verb: its URL, or null. */
  redirected?: () => string | null;
  caller?: Caller | InputProvider;
  /** What <Dial> reports as DialCallStatus, since nobody can be dialled (default "completed"). */
  dialOutcome?: "completed" | "busy" | "no-answer" | "failed" | "canceled";
  /** Queue figures reported to the waitUrl. */
  queue?: { position?: number; size?: number; averageWaitSeconds?: number; maxSize?: number };
  /** Sees every event as it happens (the terminal phone prints from here). */
  onEvent?: (event: CallEvent) => void;
}

export function toCaller(caller: Caller | InputProvider | undefined): Caller | undefined {
  return typeof caller === "function" ? { answer: caller } : caller;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
