// Twilio's voice webhooks. Thin: check the signature, read the parameters, let the call flow
// decide, render TwiML, remember the answer. A voice route never answers 5xx.
import { createHash } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { CallFlow } from "../../call-flow/machine.ts";
import type { CallSessionStore } from "../../call-flow/session-store.ts";
import { ALL_STEPS } from "../../call-flow/steps/index.ts";
import type { CallerInput, CallState, StepName, StepOutcome } from "../../call-flow/types.ts";
import type { Ledger } from "../../domain/ledger/ledger.ts";
import { enterUrl, renderApology, renderTwiml } from "./render-twiml.ts";
import { requireTwilioSignature } from "./twilio-signature.ts";
import { readWebhookParams } from "./webhook-params.ts";
import { fallbackTwiml } from "./fallback.ts";

export interface VoiceDeps {
  flow: CallFlow;
  sessions: CallSessionStore;
  ledger: Ledger;
  i18n: i18n;
  logger: Logger;
  authToken: string;
  publicBaseUrl?: string;
  hours: { opensAt: string; closesAt: string };
}

const STEP_NAMES = new Set<string>(ALL_STEPS.map((s) => s.name));
const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

export function voiceRoutes(deps: VoiceDeps): Router {
  const router = Router();
  router.use("/voice", express.urlencoded({ extended: false, limit: "32kb", parameterLimit: 100 }));
  router.use("/voice", requireTwilioSignature(deps.authToken, deps.publicBaseUrl));

  const t = deps.i18n.t.bind(deps.i18n);
  const twiml = (res: Response, body: string) => res.status(200).type("text/xml").send(body);

  router.post("/voice/incoming", (req, res) => void answer(req, res, (state, flow) => flow.start(state)));
  router.post("/voice/step/:step", (req, res) => {
    const step = req.params.step;
    void answer(req, res, (state, flow, input) => (STEP_NAMES.has(step) ? flow.handle(state, step as StepName, input) : flow.enter(state, "main-menu")));
  });
  router.post("/voice/enter/:step", (req, res) => {
    const step = req.params.step;
    void answer(req, res, (state, flow) => flow.enter(state, STEP_NAMES.has(step) ? (step as StepName) : "main-menu"));
  });

  router.post("/voice/status", async (req, res) => {
    const params = readWebhookParams(req.body);
    if (params && params.callStatus && ENDED.has(params.callStatus)) {
      try {
        await deps.ledger.releaseHoldsOf(params.callSid);
        await deps.sessions.end(params.callSid, new Date());
      } catch (err) {
        // The hold sweep gives the places back within minutes anyway.
        deps.logger.warn({ err }, "status callback could not release holds");
      }
    }
    res.status(204).end();
  });

  // Twilio calls this when our main webhook failed or timed out; it needs no database.
  router.post("/voice/fallback", (_req, res) => twiml(res, fallbackTwiml(t, deps.hours)));

  async function answer(
    req: Request,
    res: Response,
    run: (state: CallState, flow: CallFlow, input: CallerInput) => Promise<StepOutcome>,
  ): Promise<void> {
    const params = readWebhookParams(req.body);
    if (!params) {
      // Not a call we can place (no or malformed CallSid): a polite goodbye, valid TwiML.
      twiml(res, fallbackTwiml(t, deps.hours));
      return;
    }
    const key = requestKey(req.originalUrl, req.body as Record<string, unknown>);
    let language: CallState["language"] = "de";
    let currentStep: string = "main-menu";
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const session = await deps.sessions.load(params.callSid);
        if (session && session.lastRequestKey === key && session.lastResponse) {
          // Twilio repeated a request: same answer, and the step does not run twice.
          twiml(res, session.lastResponse);
          return;
        }
        const state = session?.state ?? deps.flow.newState(params.callSid, params.from);
        language = state.language;
        currentStep = state.step;
        const outcome = await run(state, deps.flow, params.input);
        const body = renderTwiml(outcome, state.language, t);
        if (await deps.sessions.save(state, session?.version ?? null, key, body)) {
          twiml(res, body);
          return;
        }
      }
      throw new Error("call session kept changing under this webhook");
    } catch (err) {
      deps.logger.error({ err, step: currentStep }, "voice webhook failed");
      // First failure: apologise and try the step once more; a second: the fallback.
      const retried = req.originalUrl.includes("after=error");
      const next = retried ? "/voice/fallback" : `${enterUrl(STEP_NAMES.has(currentStep) ? currentStep : "main-menu")}?after=error`;
      twiml(res, renderApology(language, t, next));
    }
  }

  return router;
}

function requestKey(url: string, body: Record<string, unknown>): string {
  const sorted = Object.keys(body ?? {})
    .sort()
    .map((k) => `${k}=${String(body[k])}`)
    .join("&");
  return createHash("sha256").update(`${url}?${sorted}`).digest("hex");
}
