// The callee of an outbound call (`npm run call -- --answer N`, tests, simulate:day): it waits at
// the number on the emulator's ringing line (ivr/src/adapters/telephony/emulated-ringing.ts) and
// plays the picked-up call with the same CallEmulator as an inbound one.
import { setTimeout as sleep } from "node:timers/promises";
import type { RingingCall, RingingLine } from "../../ivr/src/adapters/telephony/emulated-ringing.ts";
import type { CallEmulatorOptions } from "./call-emulator.ts";

/** Waits at the number until a call rings and takes it; null after the timeout (default: never). */
export async function waitForCall(
  line: RingingLine,
  phone: string,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<RingingCall | null> {
  const until = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
  line.wait(phone);
  try {
    while (Date.now() < until) {
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
 * The emulator options that play a picked-up call as the server placed it, answered by a person or a
 * machine (after its beep); `line` carries the server's redirects of the call.
 */
export function answeredCallOptions(
  call: RingingCall,
  base: Pick<CallEmulatorOptions, "baseUrl" | "publicBaseUrl" | "authToken" | "accountSid" | "onEvent" | "fetch">,
  answerer: "human" | "machine" = "human",
  line?: RingingLine,
): CallEmulatorOptions {
  const publicBase = base.publicBaseUrl ?? base.baseUrl;
  const covered = call.answerUrl.startsWith(`${publicBase.replace(/\/+$/, "")}/`);
  const answeredBy = answerer === "machine" ? ("machine_end_beep" as const) : ("human" as const);
  // Twilio tells who answered on the answer URL (synchronous detection) or to the AMD callback right after it.
  const amd = call.asyncAmdStatusCallbackUrl;
  const detection = !call.machineDetection ? {} : amd ? { asyncAmd: { callbackUrl: amd, answeredBy } } : { answeredBy };
  return {
    ...base,
    publicBaseUrl: covered ? publicBase : new URL(call.answerUrl).origin,
    callSid: call.callSid,
    from: call.from,
    to: call.to,
    direction: "outbound-api",
    incomingPath: call.answerUrl,
    statusCallback: call.statusCallbackUrl,
    ...detection,
    ...(line ? { redirected: () => line.takeRedirect(call.callSid) } : {}),
  };
}
