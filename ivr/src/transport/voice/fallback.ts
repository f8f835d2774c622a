// What a caller hears when our main webhook failed: no database needed, German first, then
// English, then the hotline hours. (Callback registration joins here with the queue issue.)
import type { TFunction } from "i18next";
import twilio from "twilio";
import { SPEECH_RATE, VOICES } from "./voices.ts";

export function fallbackTwiml(t: TFunction, hours: { opensAt: string; closesAt: string }): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const lang of ["de", "en"] as const) {
    const v = VOICES[lang];
    response.say({ language: v.say, voice: v.voice }, "").prosody({ rate: SPEECH_RATE }, t("common.fallback", { ns: "voice", lng: lang, opens: hours.opensAt, closes: hours.closesAt }));
  }
  response.hangup();
  return response.toString();
}
