// Puts the HTTP app together from the services: used by main.ts and by the tests, so both
// run exactly the same wiring.
import type { Express } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { PrismaCallSessionStore } from "./adapters/prisma/prisma-call-session-store.ts";
import { EmulatedSms, TwilioSms } from "./adapters/telephony/sms.ts";
import { CallFlow } from "./call-flow/machine.ts";
import { ALL_STEPS } from "./call-flow/steps/index.ts";
import type { SmsSender } from "./call-flow/types.ts";
import type { Config } from "./config.ts";
import { createI18n, type Language } from "./i18n.ts";
import type { Services } from "./services.ts";
import { createApp } from "./transport/http/app.ts";
import { voiceRoutes } from "./transport/voice/voice-routes.ts";

export interface Hotline {
  app: Express;
  i18n: i18n;
  flow: CallFlow;
  sms: SmsSender;
}

export async function createHotline(services: Services, config: Config, logger: Logger): Promise<Hotline> {
  const i18n = await createI18n();
  const sms: SmsSender =
    config.TELEPHONY === "twilio" && config.TWILIO_SMS_FROM
      ? new TwilioSms(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, config.TWILIO_SMS_FROM)
      : new EmulatedSms(logger);
  const flow = new CallFlow(ALL_STEPS, {
    ledger: services.ledger,
    clock: services.clock,
    settings: { opensAt: config.HOTLINE_OPENS, closesAt: config.HOTLINE_CLOSES, minAge: config.MIN_AGE },
    sms,
    translate: (key: string, language: Language, params?: Record<string, string | number>) =>
      i18n.t(key, { ns: "voice", lng: language, ...(params ?? {}) }),
    logger,
  });
  const voice = voiceRoutes({
    flow,
    sessions: new PrismaCallSessionStore(services.db.prisma),
    ledger: services.ledger,
    i18n,
    logger,
    authToken: config.TWILIO_AUTH_TOKEN,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    hours: { opensAt: config.HOTLINE_OPENS, closesAt: config.HOTLINE_CLOSES },
  });
  const app = createApp({ db: services.db, ledger: services.ledger, i18n, logger, routers: [voice] });
  return { app, i18n, flow, sms };
}
