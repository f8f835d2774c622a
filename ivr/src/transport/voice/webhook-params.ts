// Twilio's webhook parameters, checked: hostile or broken requests (missing fields, huge
// values, markup in SpeechResult) become plain, bounded values or a refusal, never a crash.
import type { CallerInput } from "../../call-flow/types.ts";

export interface WebhookParams {
  callSid: string;
  from: string | null;
  input: CallerInput;
  callStatus: string | null;
}

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

export function readWebhookParams(body: unknown): WebhookParams | null {
  const p = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const text = (key: string, max: number) => (typeof p[key] === "string" ? (p[key] as string).slice(0, max) : null);
  const callSid = text("CallSid", 64);
  if (!callSid || !CALL_SID.test(callSid)) return null;
  const from = text("From", 32);
  const digits = text("Digits", 32);
  const speech = text("SpeechResult", 500);
  const recordingUrl = text("RecordingUrl", 500);
  const duration = Number(text("RecordingDuration", 8) ?? "1");
  return {
    callSid,
    from: from && /^\+?[0-9]{3,20}$/.test(from) ? from : null,
    callStatus: text("CallStatus", 32),
    input: {
      digits: digits && /^[0-9*#]{1,32}$/.test(digits) ? digits.replace(/#$/, "") || null : null,
      // Only letters, digits and spaces reach the parsers and the logs.
      speech: speech
        ? speech
            .replace(/[^\p{L}\p{N}\s.,'-]/gu, " ")
            .replace(/\s+/g, " ")
            .trim() || null
        : null,
      recordingUrl:
        recordingUrl && /^https:\/\/[\w.-]+\/[\w/.-]+$/.test(recordingUrl) && duration > 0 ? recordingUrl : null,
    },
  };
}
