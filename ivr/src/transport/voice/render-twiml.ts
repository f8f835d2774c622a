// The one place where the phone menu becomes TwiML, built with the twilio package's
// builders: every Say and Gather carries a language, action URLs carry the step and the
// version of the call's session the answer was saved as (see call-flow/recent-sessions.ts).
import { appendConference } from "./render-conference.ts";
import type { TFunction } from "i18next";
import twilio from "twilio";
import type { Language } from "../../i18n.ts";
import type { Prompt, StepOutcome } from "../../call-flow/types.ts";
import { keypadGroups } from "../../domain/ledger/booking-code.ts";
import { CODE_DIGIT_WORDS, CODE_RATE, SLOW_CODE_RATE, SLOW_SPEECH_RATE, SPEECH_RATE, VOICES } from "./voices.ts";

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type Sayer = Pick<VoiceResponse, "say" | "pause" | "play">;
interface Rates {
  speech: string;
  code: string;
}

/** The pause between the groups of three digits when a booking code is read out. */
export const CODE_GROUP_BREAK = "500ms";

/** A session version, or where the memoised renderer puts one in later. */
type Version = number | typeof VERSION_MARK;
const VERSION_MARK = "{v}";

export function stepUrl(step: string, version?: Version): string {
  return version === undefined ? `/voice/step/${step}` : `/voice/step/${step}?v=${version}`;
}

export function enterUrl(step: string, version?: Version): string {
  return version === undefined ? `/voice/enter/${step}` : `/voice/enter/${step}?v=${version}`;
}

/** The session version a webhook answers, from the `v` its URL carries; undefined without one. */
export function answeredVersion(v: string | null): number | undefined {
  return v !== null && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : undefined;
}

export function renderTwiml(outcome: StepOutcome, language: Language, t: TFunction, version?: Version): string {
  const response = new twilio.twiml.VoiceResponse();
  const rates: Rates = outcome.slow
    ? { speech: SLOW_SPEECH_RATE, code: SLOW_CODE_RATE }
    : { speech: SPEECH_RATE, code: CODE_RATE };
  sayAll(response, outcome.prompts, language, t, rates);
  if (outcome.gather) {
    const g = outcome.gather;
    const gather = response.gather({
      action: stepUrl(g.step, version),
      method: "POST",
      input: g.speechOnly ? ["speech"] : g.speech ? ["dtmf", "speech"] : ["dtmf"],
      language: VOICES[language].gather,
      timeout: g.timeoutSeconds,
      actionOnEmptyResult: true,
      ...(g.numDigits ? { numDigits: g.numDigits } : {}),
      ...(g.finishOnKey ? { finishOnKey: g.finishOnKey } : {}),
      // bargeIn: speech stops the prompts, as a key always does, so a caller never has to wait them out.
      ...(g.speech ? { speechTimeout: "auto", bargeIn: true, ...(g.hints ? { hints: g.hints } : {}) } : {}),
    });
    sayAll(gather, g.prompts, language, t, rates);
    // Only reached if Twilio ignores actionOnEmptyResult: treat it as silence all the same.
    response.redirect({ method: "POST" }, stepUrl(g.step, version));
  } else if (outcome.record) {
    sayAll(response, outcome.record.prompts, language, t, rates);
    response.record({
      action: stepUrl(outcome.record.step, version),
      method: "POST",
      maxLength: outcome.record.maxLengthSeconds,
      finishOnKey: "#",
      playBeep: true,
      timeout: 4,
    });
    // Twilio skips the action when nothing was recorded: the step then hears silence.
    response.redirect({ method: "POST" }, stepUrl(outcome.record.step, version));
  } else if (outcome.enqueue) {
    response.enqueue(
      { action: "/voice/queue/left", method: "POST", waitUrl: "/voice/queue/wait", waitUrlMethod: "POST" },
      outcome.enqueue.queue,
    );
  } else if (outcome.dialAgent) {
    response.dial({ answerOnBridge: true }).client(outcome.dialAgent);
  } else if (outcome.leave) {
    response.leave();
  } else if (outcome.hangup) {
    response.hangup();
  } else if (outcome.redirect) {
    response.redirect({ method: "POST" }, enterUrl(outcome.redirect, version));
  }
  return response.toString();
}

/** Prompts, then the caller into their own conference (an answered callback's callee). */
export function renderSpokenConference(
  prompts: Prompt[],
  language: Language,
  t: TFunction,
  conference: { callSid: string; waitUrl: string },
): string {
  const response = new twilio.twiml.VoiceResponse();
  sayAll(response, prompts, language, t, { speech: SPEECH_RATE, code: CODE_RATE });
  appendConference(response, conference.callSid, conference.waitUrl);
  return response.toString();
}

function sayAll(target: Sayer, prompts: Prompt[], language: Language, t: TFunction, rates: Rates): void {
  for (const prompt of prompts) {
    if ("pause" in prompt) {
      target.pause({ length: prompt.pause });
    } else if ("play" in prompt) {
      target.play({}, prompt.play);
    } else if ("code" in prompt) {
      // The keypad digits in groups of three, each group ending like a sentence, a pause
      // between groups: "4, 6, 3. 5, 7, 9. …" — the way it is typed, and the way a German
      // reads a number out on the phone.
      const v = VOICES[language];
      const say = target.say({ language: v.say, voice: v.voice }, "");
      const groups = keypadGroups(prompt.code);
      groups.forEach((group, i) => {
        say.prosody({ rate: rates.code }, `${[...group].map((d) => CODE_DIGIT_WORDS[language][d] ?? d).join(", ")}.`);
        if (i < groups.length - 1) say.break({ time: CODE_GROUP_BREAK });
      });
    } else {
      const lang = prompt.language ?? language;
      const v = VOICES[lang];
      const text = t(prompt.say, { ns: "voice", lng: lang, ...(prompt.params ?? {}) });
      target.say({ language: v.say, voice: v.voice }, "").prosody({ rate: rates.speech }, text);
    }
  }
}

/** An apology and a way on, for when something failed: never silence, never a 5xx. */
export function renderApology(language: Language, t: TFunction, next: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const v = VOICES[language];
  response
    .say({ language: v.say, voice: v.voice }, "")
    .prosody({ rate: SPEECH_RATE }, t("common.technical_problem", { ns: "voice", lng: language }));
  response.redirect({ method: "POST" }, next);
  return response.toString();
}

/**
 * renderTwiml with a bounded memory of answers: most webhooks of a call answer with a menu
 * that many callers hear alike ("Ihr Geburtsjahr, bitte"), and building it with xmlbuilder
 * costs about 150 µs of CPU each time (bench:ivr's unit costs) against a few µs for the key.
 * Answers that read a booking code back are unique to one caller and never kept; the oldest
 * entry makes room when the memory is full.
 */
export function memoisedRenderer(
  t: TFunction,
  maxEntries = 5_000,
): (outcome: StepOutcome, language: Language, version?: number) => string {
  // Kept in pieces split where the version goes, so one entry serves every version.
  const memory = new Map<string, string[]>();
  return (outcome, language, version) => {
    if (!worthKeeping(outcome)) return renderTwiml(outcome, language, t, version);
    const key = `${language}\u0000${JSON.stringify(outcome)}`;
    let pieces = memory.get(key);
    if (pieces === undefined) {
      pieces = renderTwiml(outcome, language, t, VERSION_MARK).split(`?v=${VERSION_MARK}`);
      if (memory.size >= maxEntries) memory.delete(memory.keys().next().value!);
      memory.set(key, pieces);
    }
    return pieces.join(version === undefined ? "" : `?v=${version}`);
  };
}

function worthKeeping(outcome: StepOutcome): boolean {
  const noCode = (prompts: Prompt[]) => prompts.every((p) => !("code" in p));
  return (
    noCode(outcome.prompts) &&
    (!outcome.gather || noCode(outcome.gather.prompts)) &&
    (!outcome.record || noCode(outcome.record.prompts)) &&
    !outcome.dialAgent
  );
}
