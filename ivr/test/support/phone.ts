// Places emulated calls against a test server: signed like Twilio, TwiML followed verb by verb.
import {
  CallEmulator,
  ScriptedCaller,
  signTwilioRequest,
  type CallEmulatorOptions,
  type ScriptStep,
} from "../../../scripts/phone/call-emulator.ts";
import { TEST_AUTH_TOKEN, type TestServer } from "./test-server.ts";

export interface PlacedCall {
  emulator: CallEmulator;
  caller: ScriptedCaller;
  spoken: string;
}

export async function placeCall(
  server: TestServer,
  steps: ScriptStep[],
  options: Partial<CallEmulatorOptions> = {},
): Promise<PlacedCall> {
  const caller = new ScriptedCaller(steps);
  const emulator = new CallEmulator({
    baseUrl: server.url,
    authToken: TEST_AUTH_TOKEN,
    from: "+4952411234567",
    ...options,
    caller,
  });
  await emulator.run();
  return { emulator, caller, spoken: emulator.spokenText() };
}

/** Every Say of the call named a language, and every German one was de-DE. */
export function saysWithoutLanguage(emulator: CallEmulator): number {
  return emulator.events.filter((e) => e.type === "say" && !("language" in e && e.language)).length;
}

/** A caller born in `birthYear` from 33330 who hears an offer, presses 0 and waits in the queue. */
export function askForAPerson(birthYear = "1937"): ScriptStep[] {
  return [
    "silence",
    { expect: /drücken Sie die 2/, answer: "2" },
    { expect: /Geburtsjahr/, answer: birthYear },
    { expect: /Postleitzahl/, answer: "33330" },
    { expect: /nächste freie Termin/, answer: "0" },
    { expect: /Ich verbinde Sie/, answer: "silence" },
    "silence",
    "silence",
  ];
}

/** One webhook as Twilio would send it (signed), outside a scripted call. */
export async function postWebhook(
  server: TestServer,
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const url = `${server.url}${path}`;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "x-twilio-signature": signTwilioRequest(TEST_AUTH_TOKEN, url, params),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: await res.text() };
}

/**
 * The name (and, for a caller without a mobile phone, the street) said as the phone menu asks
 * for them after the birth date; the summary then says them back. Different names keep people
 * apart who share a birth date and postcode (the ledger takes those three as one person).
 */
export function saysName(name: string, street?: string): ScriptStep[] {
  return [
    { expect: /Vor- und Nachnamen/, answer: `s:${name}` },
    ...(street ? [{ expect: /Straße und Hausnummer/, answer: `s:${street}` }] : []),
  ];
}
