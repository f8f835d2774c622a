// The terminal phone as the callee of an outbound call (`npm run call -- --answer N`): it waits
// at the number on the emulator's ringing line (ivr/src/adapters/telephony/emulated-ringing.ts),
// picks up the next call placed to it, and then plays Twilio's part of that call with the same
// CallEmulator as an inbound one: the answer URL (with AnsweredBy when synchronous detection
// was asked for; with asynchronous detection the result goes to its callback right after), every
// TwiML verb, a redirect of the live call by the server, and the status callback at the end.
import { setTimeout as sleep } from "node:timers/promises";
import type { RingingCall, RingingLine } from "../../ivr/src/adapters/telephony/emulated-ringing.ts";
import type { CallEmulatorOptions } from "./call-options.ts";

/** Who picks up: a person, or an answering machine (heard after its beep). */
export type Answerer = "human" | "machine";

export interface WaitOptions {
  /** Give up after this long without a call (default: wait for ever). */
  timeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

/** Waits at the number until a call rings and takes it; null after the timeout. */
export async function waitForCall(
  line: RingingLine,
  phone: string,
  options: WaitOptions = {},
): Promise<RingingCall | null> {
  const until = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  line.wait(phone);
  try {
    while (Date.now() < until && !options.signal?.aborted) {
      const call = line.pickUp(phone);
      if (call) return call;
      await sleep(options.pollMs ?? 200);
    }
    return null;
  } finally {
    line.stopWaiting(phone);
  }
}

/**
 * The emulator options that play a picked-up call: its SID, numbers and URLs as the server
 * placed it. The public base is the answer URL's origin unless the caller's covers it already.
 */
export function answeredCallOptions(
  call: RingingCall,
  base: Pick<CallEmulatorOptions, "baseUrl" | "publicBaseUrl" | "authToken" | "accountSid" | "onEvent" | "fetch">,
  answerer: Answerer = "human",
  /** The line the call came on: where the server's redirects of it arrive. */
  line?: RingingLine,
): CallEmulatorOptions {
  const publicBase = base.publicBaseUrl ?? base.baseUrl;
  const covered = call.answerUrl.startsWith(`${publicBase.replace(/\/+$/, "")}/`);
  return {
    ...base,
    publicBaseUrl: covered ? publicBase : new URL(call.answerUrl).origin,
    callSid: call.callSid,
    from: call.from,
    to: call.to,
    direction: "outbound-api",
    incomingPath: call.answerUrl,
    statusCallback: call.statusCallbackUrl,
    ...detection(call, answerer),
    ...(line ? { redirected: () => line.takeRedirect(call.callSid) } : {}),
  };
}

/**
 * Who answered, as Twilio tells it when detection was asked for: on the answer URL
 * (synchronous), or to the asyncAmdStatusCallback right after it while the greeting plays.
 */
function detection(call: RingingCall, answerer: Answerer): Partial<CallEmulatorOptions> {
  if (!call.machineDetection) return {};
  const answeredBy = answerer === "machine" ? "machine_end_beep" : "human";
  if (call.asyncAmdStatusCallbackUrl) return { asyncAmd: { callbackUrl: call.asyncAmdStatusCallbackUrl, answeredBy } };
  return { answeredBy };
}
