// Twilio's fallback URL: called when our main webhook fails or times out. It needs no
// database: a callback number goes into the local journal (fsync'ed before the caller hears
// "registered") and is replayed into the database once it is back.
import type { i18n } from "i18next";
import type { Logger } from "pino";
import twilio from "twilio";
import type { FallbackJournal } from "../../adapters/journal/fallback-journal.ts";
import { toE164 } from "../../call-flow/steps/callback-number-entry.ts";
import { speakable } from "../../call-flow/steps/callback-number.ts";
import type { VoiceHandler, VoiceReply, VoiceRoutes } from "./voice-endpoint.ts";
import { SPEECH_RATE, VOICES } from "./voices.ts";
import { readWebhookParams } from "./webhook-params.ts";

export interface FallbackDeps {
  journal: FallbackJournal;
  i18n: i18n;
  logger: Logger;
  hours: () => { opensAt: string; closesAt: string };
}

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

export function fallbackRoutes(deps: FallbackDeps): VoiceRoutes {
  const say = (
    target: Pick<VoiceResponse, "say">,
    key: string,
    params: Record<string, string> = {},
    lang: "de" | "en" = "de",
  ) => {
    const v = VOICES[lang];
    target
      .say({ language: v.say, voice: v.voice }, "")
      .prosody({ rate: SPEECH_RATE }, deps.i18n.t(key, { ns: "voice", lng: lang, ...params }));
  };
  const send = (reply: VoiceReply, response: VoiceResponse) => reply.twiml(response.toString());

  const routes = new Map<string, VoiceHandler>();
  routes.set("/voice/fallback", (req, reply) => {
    const params = readWebhookParams(req.body);
    const response = new twilio.twiml.VoiceResponse();
    say(response, "fallback.intro");
    say(response, "fallback.intro", {}, "en");
    if (params?.from) {
      const gather = response.gather({
        action: "/voice/fallback/choice",
        method: "POST",
        input: ["dtmf"],
        numDigits: 1,
        timeout: 8,
        language: "de-DE",
        actionOnEmptyResult: true,
      });
      say(gather, "fallback.confirm_number", { number: speakable(params.from) });
    } else {
      askNumber(response);
    }
    send(reply, response);
  });

  routes.set("/voice/fallback/choice", (req, reply) => {
    const params = readWebhookParams(req.body);
    const response = new twilio.twiml.VoiceResponse();
    if (params?.input.digits === "1" && params.from) {
      register(response, params.from, "caller-id", params.callSid);
    } else if (params?.input.digits === "2" || !params?.from) {
      askNumber(response);
    } else {
      closing(response);
    }
    send(reply, response);
  });

  routes.set("/voice/fallback/number", (req, reply) => {
    const params = readWebhookParams(req.body);
    const response = new twilio.twiml.VoiceResponse();
    const e164 = params?.input.digits ? toE164(params.input.digits) : null;
    if (e164) register(response, e164, "keyed", params?.callSid ?? null);
    else if (req.query.get("again") !== "1") askNumber(response, true);
    else closing(response);
    send(reply, response);
  });

  function askNumber(response: VoiceResponse, again = false) {
    const gather = response.gather({
      action: `/voice/fallback/number${again ? "?again=1" : ""}`,
      method: "POST",
      input: ["dtmf"],
      finishOnKey: "#",
      timeout: 10,
      language: "de-DE",
      actionOnEmptyResult: true,
    });
    say(gather, again ? "callback.number_invalid" : "callback.enter_number");
  }

  function register(response: VoiceResponse, phone: string, source: "caller-id" | "keyed", callSid: string | null) {
    try {
      deps.journal.append({ phone, phoneSource: source, language: "de", callSid }, new Date());
      say(response, "fallback.registered");
    } catch (err) {
      // Not even the disk: say so honestly rather than confirm what was not kept.
      deps.logger.error({ err }, "fallback journal write failed");
      say(response, "common.fallback", deps.hours());
    }
    response.hangup();
  }

  function closing(response: VoiceResponse) {
    say(response, "common.fallback", deps.hours());
    response.hangup();
  }

  return (path) => routes.get(path);
}
