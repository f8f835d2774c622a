// A server process that cannot reach its database at start still answers Twilio: the fallback
// (a callback number journaled on local disk, replayed once the database is back), and on every
// other webhook an apology that leads there. The console and API answer a typed 503. main.ts
// swaps this for the full hotline as soon as the database can be opened.
import type { RequestListener } from "node:http";
import type { Logger } from "pino";
import { Registry } from "prom-client";
import { FallbackJournal, journalDirOf } from "./adapters/journal/fallback-journal.ts";
import type { Config } from "./config.ts";
import { createI18n } from "./i18n.ts";
import { HttpMetrics, WebhookWindow } from "./transport/http/request-metrics.ts";
import { fallbackRoutes } from "./transport/voice/fallback-routes.ts";
import { renderApology } from "./transport/voice/render-twiml.ts";
import { voiceEndpoint } from "./transport/voice/voice-endpoint.ts";

export async function createDegradedHandler(config: Config, logger: Logger): Promise<RequestListener> {
  const i18n = await createI18n();
  const t = i18n.t.bind(i18n);
  const journal = new FallbackJournal(journalDirOf(config));
  const apology = () => renderApology("de", t, "/voice/fallback");
  const unavailable: RequestListener = (_req, res) => {
    res.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "5" });
    res.end(
      JSON.stringify({
        error: { code: "database_unavailable", message: t("database_unavailable", { ns: "errors", lng: "de" }) },
      }),
    );
  };
  const voice = voiceEndpoint(
    {
      authToken: config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      routes: [
        fallbackRoutes({
          journal,
          i18n,
          logger,
          // The live hours are in the database; until it is back, the configured ones.
          hours: () => ({ opensAt: config.HOTLINE_OPENS, closesAt: config.HOTLINE_CLOSES }),
        }),
        (path) => (path.startsWith("/voice/") ? (_req, reply) => reply.twiml(apology(), true) : undefined),
      ],
      metrics: new HttpMetrics(new Registry(), new WebhookWindow()),
      logger,
      lastResort: apology,
    },
    unavailable,
  );
  return (req, res) => {
    if (!voice(req, res)) unavailable(req, res);
  };
}
