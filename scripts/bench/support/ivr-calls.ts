// One whole emulated call, as the load generator places it: the project's CallEmulator and
// ScriptedCaller (signed webhooks, TwiML followed verb by verb), with the booking path
// scripted for the hotline and the same inputs, unchecked, for the static baseline.
import {
  CallEmulator,
  ScriptedCaller,
  ScriptExpectationError,
  WebhookError,
  type Caller,
  type ScriptStep,
} from "../../phone/call-emulator.ts";
import { signTwilioRequest, standardParams, type CallIdentity } from "../../phone/twilio-request.ts";
import type { LoadRecorder } from "./load-recorder.ts";

export type Target = "ivr" | "baseline";

const BOOKED = /Ihre Termine sind gebucht/;
const APOLOGY = "technisches Problem";
/** Spoken instead of the name recording on the baseline (a <Gather> takes no recording); about as many form bytes. */
const BASELINE_NAME =
  "s:Erika Mustermann geboren in Gütersloh wohnhaft in der Bahnhofstraße dreiundzwanzig zweiter Stock links";

export interface CallPlan {
  from: string;
  postcode: string;
  born: { year: number; month: number; day: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** silence at the greeting → 2 → birth year → postcode → 1 → birth date → name → 1 → 3. */
export function bookingScript(plan: CallPlan): ScriptStep[] {
  const { year, month, day } = plan.born;
  return [
    "silence",
    { expect: /drücken Sie die 2/, answer: "2" },
    { expect: /Geburtsjahr/, answer: String(year) },
    { expect: /Postleitzahl/, answer: plan.postcode },
    { expect: /nächste freie Termin/, answer: "1" },
    { expect: /Geburtsdatum/, answer: `${pad(day)}${pad(month)}${year}` },
    { expect: /Nachnamen/, answer: "r:3#" },
    { expect: /fasse zusammen/, answer: "1" },
    { expect: BOOKED, answer: "3" },
  ];
}

export function baselineScript(plan: CallPlan): ScriptStep[] {
  const { year, month, day } = plan.born;
  return ["silence", "2", String(year), plan.postcode, "1", `${pad(day)}${pad(month)}${year}`, BASELINE_NAME, "1", "3"];
}

const BORN_FROM = Date.UTC(1925, 0, 1);
const BORN_DAYS = Math.round((Date.UTC(1940, 11, 31) - BORN_FROM) / 86_400_000) + 1;

/** A caller with a unique German mobile number (the person key of a recorded name is the phone). */
export function planCall(serial: number, postcodes: readonly string[]): CallPlan {
  const born = new Date(BORN_FROM + Math.floor(Math.random() * BORN_DAYS) * 86_400_000);
  return {
    from: `+49151${String(10_000_000 + (serial % 90_000_000))}`,
    postcode: postcodes[Math.floor(Math.random() * postcodes.length)]!,
    born: { year: born.getUTCFullYear(), month: born.getUTCMonth() + 1, day: born.getUTCDate() },
  };
}

/** Twilio's view of a failed webhook: its 15 s timeout, a reset or refused connection, or an emulator/TwiML error. */
function webhookErrorKind(error: InstanceType<typeof WebhookError>): string {
  if (error.kind !== "unreachable") return `emulator_${error.kind}`;
  if (error.message.includes("no answer within")) return "timeout_15s";
  if (error.message.includes("ECONNRESET")) return "connection_reset";
  if (error.message.includes("ECONNREFUSED")) return "connection_refused";
  return "unreachable";
}

export interface CallContext {
  target: Target;
  baseUrl: string;
  authToken: string;
  fetch: typeof fetch;
  recorder: LoadRecorder;
  /** Mean pause before each answer (the caller listening), ms; 0 answers at once. */
  thinkMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Places one call and counts its outcome; never throws. */
export async function placeCall(ctx: CallContext, plan: CallPlan): Promise<void> {
  const { recorder } = ctx;
  const script = new ScriptedCaller(ctx.target === "ivr" ? bookingScript(plan) : baselineScript(plan), {
    whenExhausted: ctx.target === "ivr" ? "throw" : "hangup",
  });
  const caller: Caller = {
    answer: async (prompt) => {
      if (ctx.target === "ivr") {
        if (prompt.text.includes(APOLOGY))
          recorder.error("apology", `the hotline apologised: ${prompt.text.slice(0, 200)}`);
        if (BOOKED.test(prompt.text)) recorder.booking();
      }
      if (ctx.thinkMs > 0) await sleep(ctx.thinkMs * (0.5 + Math.random()));
      return script.answer(prompt);
    },
  };
  const emulator = new CallEmulator({
    baseUrl: ctx.baseUrl,
    authToken: ctx.authToken,
    from: plan.from,
    caller,
    fetch: ctx.fetch,
  });
  recorder.callsStarted++;
  try {
    const state = await emulator.run();
    if (state !== "completed") throw new Error(`call ended in state ${state}`);
    if (ctx.target === "ivr" && script.remaining > 0) {
      recorder.error(
        "script_unfinished",
        `call ended with ${script.remaining} script step(s) unused; last heard: ${emulator.lastPrompt()?.text.slice(0, 200) ?? "-"}`,
      );
      recorder.callsFailed++;
      return;
    }
    recorder.callsCompleted++;
  } catch (error) {
    recorder.callsFailed++;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ScriptExpectationError) recorder.error("expectation", message);
    else if (error instanceof WebhookError) {
      // Non-200/204 statuses were already counted, by status, as they arrived.
      const counted =
        error.kind === "http" && error.status !== undefined && error.status !== 200 && error.status !== 204;
      if (!counted) recorder.error(webhookErrorKind(error), message);
    } else recorder.error("exception", message);
    await callEnded(ctx, emulator.identity);
  }
}

/**
 * Twilio sends the status callback even when a webhook failed (it played the fallback and the
 * call ended), and that releases the caller's hold. Best effort: a failure here is not counted
 * again, but a non-2xx answer is (by the recorder, as every status).
 */
async function callEnded(ctx: CallContext, call: CallIdentity): Promise<void> {
  const url = `${ctx.baseUrl}/voice/status`;
  const params = {
    ...standardParams(call, "completed"),
    CallDuration: "0",
    CallbackSource: "call-progress-events",
    SequenceNumber: "0",
  };
  const headers = {
    "X-Twilio-Signature": signTwilioRequest(ctx.authToken, url, params),
    "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
  };
  await ctx
    .fetch(url, { method: "POST", headers, body: new URLSearchParams(params).toString() })
    .catch(() => undefined);
}
