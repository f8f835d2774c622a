// Which voice speaks which language, and which language recognises speech. Polly voices
// support SSML prosody, so prompts can be slowed down for callers who hear badly.
import type twilio from "twilio";
import type { Language } from "../../i18n.ts";

/** The voice names Twilio accepts, taken from the twilio package's own Say attributes. */
type SayAttributes = Parameters<InstanceType<typeof twilio.twiml.VoiceResponse>["say"]>[0];
type SayVoice = NonNullable<Exclude<SayAttributes, string>["voice"]>;

export interface VoiceSetting {
  say: "de-DE" | "en-GB" | "tr-TR" | "ru-RU" | "pl-PL" | "arb";
  voice: SayVoice;
  gather: "de-DE" | "en-GB" | "tr-TR" | "ru-RU" | "pl-PL" | "ar-EG";
}

export const VOICES: Record<Language, VoiceSetting> = {
  de: { say: "de-DE", voice: "Polly.Vicki", gather: "de-DE" },
  en: { say: "en-GB", voice: "Polly.Amy", gather: "en-GB" },
  tr: { say: "tr-TR", voice: "Polly.Filiz", gather: "tr-TR" },
  ru: { say: "ru-RU", voice: "Polly.Tatyana", gather: "ru-RU" },
  pl: { say: "pl-PL", voice: "Polly.Ewa", gather: "pl-PL" },
  ar: { say: "arb", voice: "Polly.Zeina", gather: "ar-EG" },
};

/** Slower than default: many callers are over 80 and hard of hearing. */
export const SPEECH_RATE = "90%";
export const CODE_RATE = "75%";

/**
 * Digits of a booking code spoken as words where a language has a telephone form: German
 * says "zwo" for 2 on the phone, because "zwei" and "drei" are easily confused on a bad line.
 * Other digits, and other languages, are left to the voice.
 */
export const CODE_DIGIT_WORDS: Record<Language, Readonly<Record<string, string>>> = {
  de: { "2": "zwo" },
  en: {},
  tr: {},
  ru: {},
  pl: {},
  ar: {},
};

/** For the rest of a call whose caller asked twice to hear something again. */
export const SLOW_SPEECH_RATE = "75%";
export const SLOW_CODE_RATE = "65%";
