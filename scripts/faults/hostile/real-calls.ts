// Real short calls through the project's CallEmulator while the attack runs: greeting (silence),
// 2 = book, birth year 1938, postcode 33330, then hang up at the offer. Every webhook is signed,
// every TwiML document parsed strictly, every prompt checked.
import { CallEmulator, ScriptedCaller, type ScriptStep } from "../../phone/call-emulator.ts";
import { MARKER_PHONE } from "./payloads.ts";
import { AUTH_TOKEN } from "./signing.ts";

const SCRIPT: ScriptStep[] = [
  "silence",
  { expect: /drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: "33330" },
  { expect: /nächste freie Termin/, answer: "hangup" },
];
const APOLOGY = "technisches Problem";

export interface RealCallResult {
  ok: boolean;
  ms: number;
  requests: number;
  error?: string;
}

export async function realCall(baseUrl: string): Promise<RealCallResult> {
  const started = performance.now();
  const script = new ScriptedCaller(SCRIPT);
  let apology = "";
  const call = new CallEmulator({
    baseUrl,
    authToken: AUTH_TOKEN,
    from: MARKER_PHONE,
    caller: {
      answer: (prompt) => {
        if (prompt.text.includes(APOLOGY)) apology = prompt.text.slice(0, 200);
        return script.answer(prompt);
      },
    },
  });
  const result = (ok: boolean, error?: string): RealCallResult => ({
    ok,
    ms: Math.round(performance.now() - started),
    requests: call.requests.length,
    error,
  });
  try {
    const state = await call.run();
    script.assertFinished();
    if (state !== "completed") return result(false, `call ended in state ${state}`);
    const bad = call.httpStatuses.filter((s) => s !== 200 && s !== 204);
    if (bad.length > 0) return result(false, `HTTP ${bad.join(", ")}`);
    if (apology) return result(false, `apology heard: ${apology}`);
    return result(true);
  } catch (error) {
    return result(false, error instanceof Error ? error.message.slice(0, 500) : String(error));
  }
}
