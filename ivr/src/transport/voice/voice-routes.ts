// Twilio's voice webhooks. Thin: check the signature, read the parameters, let the call flow
// decide, render TwiML, remember the answer. A voice route never answers 5xx.
import { Router, type Request, type Response } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { CallFlow } from "../../call-flow/machine.ts";
import type { CallEndStore } from "../../call-flow/call-end.ts";
import type { CallSessionStore } from "../../call-flow/session-store.ts";
import { ALL_STEPS } from "../../call-flow/steps/index.ts";
import type { CallerInput, CallState, StepName, StepOutcome } from "../../call-flow/types.ts";
import type { CallbackService } from "../../domain/callbacks/callback-service.ts";
import { isLanguage } from "../../i18n.ts";
import { enterUrl, memoisedRenderer, renderApology, renderTwiml } from "./render-twiml.ts";
import { requireTwilioSignature } from "./twilio-signature.ts";
import { answerAfterBody, FormError, formHeaderProblem, readForm } from "./twilio-form.ts";
import { readWebhookParams, type WebhookParams } from "./webhook-params.ts";

export interface VoiceDeps {
  flow: CallFlow;
  sessions: CallSessionStore;
  callEnd: CallEndStore;
  callbacks: CallbackService;
  i18n: i18n;
  logger: Logger;
}

type Run = (state: CallState, flow: CallFlow, params: WebhookParams, body: Record<string, string>) => Promise<StepOutcome>;

const STEP_NAMES = new Set<string>(ALL_STEPS.map((s) => s.name));
const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
/** Twilio's documented QueueResult values; anything else is treated as a hang-up. */
const QUEUE_RESULTS = new Set(["bridged", "bridging-in-process", "queue-full", "redirected", "leave", "hangup", "error", "system-error"]);
const isId = (n: number) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31;

/**
 * Reads Twilio's form posts and refuses any /voice request Twilio did not sign (403), in one
 * middleware: anything but a form post (JSON, multipart) is refused before it is read.
 */
export function voiceGuard(authToken: string, publicBaseUrl: string | undefined): Router {
  const router = Router();
  const signed = requireTwilioSignature(authToken, publicBaseUrl);
  router.use("/voice", (req, res, next) => {
    if (req.method !== "POST") return next();
    const refuse = (error: FormError) =>
      answerAfterBody(req, () => {
        res.status(error.status).type("text/plain").send(FORM_REFUSALS[error.status]);
      });
    if (req.headers["content-length"] === "0" || (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined)) {
      req.body = {};
      return signed(req, res, next);
    }
    const problem = formHeaderProblem(req);
    if (problem) return refuse(problem);
    readForm(req).then(
      (form) => {
        req.body = form;
        signed(req, res, next);
      },
      (error: unknown) => refuse(error instanceof FormError ? error : new FormError(400, "form_unreadable")),
    );
  });
  return router;
}

const FORM_REFUSALS: Record<FormError["status"], string> = {
  400: "Bad Request: the form could not be read",
  413: "Payload Too Large: Twilio webhooks are small form posts (32 kB, 100 fields at most)",
  415: "Unsupported Media Type: Twilio webhooks are UTF-8 form posts",
};

export function voiceRoutes(deps: VoiceDeps): Router {
  const router = Router();
  const t = deps.i18n.t.bind(deps.i18n);
  const render = memoisedRenderer(t);

  const stepOf = (name: string): StepName => (STEP_NAMES.has(name) ? (name as StepName) : "main-menu");

  // A call's first webhook: its session cannot exist yet unless Twilio repeats the request, so
  // it is not read first; a repeat finds the row on insert and goes the usual way.
  router.post("/voice/incoming", (req, res) => void answer(req, res, (state, flow) => flow.start(state), { fresh: true }));
  router.post("/voice/step/:step", (req, res) => {
    const step = req.params.step;
    void answer(req, res, (state, flow, p) => (STEP_NAMES.has(step) ? flow.handle(state, step as StepName, p.input) : flow.enter(state, "main-menu")));
  });
  router.post("/voice/enter/:step", (req, res) => void answer(req, res, (state, flow) => flow.enter(state, stepOf(req.params.step))));

  // The agent queue: Twilio's wait loop, and the Enqueue's action when the caller leaves.
  router.post("/voice/queue/wait", (req, res) =>
    void answer(req, res, (state, flow, _p, body) => {
      const position = Number(body.QueuePosition);
      state.queuePosition = Number.isInteger(position) && position > 0 ? position : undefined;
      return flow.enter(state, "queue-wait");
    }),
  );
  router.post("/voice/queue/left", (req, res) =>
    void answer(req, res, (state, flow, _p, body) => {
      state.queueResult = QUEUE_RESULTS.has(body.QueueResult ?? "") ? body.QueueResult : "hangup";
      const seconds = Number(body.QueueTime);
      state.queueTimeSeconds = Number.isFinite(seconds) && seconds >= 0 && seconds <= 7 * 86_400 ? Math.round(seconds) : undefined;
      return flow.enter(state, "queue-left");
    }),
  );

  // Outbound callbacks: the callee answered (greet, then to an agent), and the call's end.
  router.post("/voice/callback/answer", (req, res) =>
    void answer(req, res, async (state, flow) => {
      const id = Number(req.query.request);
      const request = isId(id) ? await deps.callbacks.find(id) : null;
      if (request) {
        state.callbackRequestId = request.id;
        state.language = isLanguage(request.language) ? request.language : "de";
        state.birthYear = request.birthYear ?? undefined;
      }
      return flow.enter(state, "callback-answer");
    }),
  );
  router.post("/voice/callback/status", async (req, res) => {
    const params = readWebhookParams(req.body);
    const body = req.body as Record<string, string>;
    if (params?.callStatus && ENDED.has(params.callStatus)) {
      try {
        await deps.callbacks.dialEnded(params.callSid, params.callStatus, Number(body.CallDuration) || 0);
      } catch (err) {
        // The request's lease runs out and it is dialled again: late, never lost.
        deps.logger.warn({ err }, "callback status not recorded");
      }
    }
    res.status(204).end();
  });

  // An agent took a queued caller, or dialled a callback: connect to the agent's softphone.
  router.post("/voice/agent/connect", (req, res) => {
    const agent = typeof req.query.agent === "string" ? req.query.agent.slice(0, 64) : "";
    res.status(200).type("text/xml").send(renderTwiml({ prompts: [], dialAgent: agent }, "de", t));
  });
  router.post("/voice/agent/callback", async (req, res) => {
    const agent = typeof req.query.agent === "string" ? req.query.agent.slice(0, 64) : "";
    const id = Number(req.query.request);
    const request = isId(id) ? await deps.callbacks.find(id).catch(() => null) : null;
    const language = request && isLanguage(request.language) ? request.language : "de";
    res.status(200).type("text/xml").send(renderTwiml({ prompts: [{ say: "callback.answer_greeting" }], dialAgent: agent }, language, t));
  });

  router.post("/voice/status", async (req, res) => {
    const params = readWebhookParams(req.body);
    if (params?.callStatus && ENDED.has(params.callStatus)) {
      try {
        await deps.callEnd.ended(params.callSid, new Date());
      } catch (err) {
        // The hold sweep gives the places back within minutes anyway.
        deps.logger.warn({ err }, "status callback could not release holds");
      }
    }
    res.status(204).end();
  });

  async function answer(req: Request, res: Response, run: Run, options: { fresh?: boolean } = {}): Promise<void> {
    const body = (req.body ?? {}) as Record<string, string>;
    const params = readWebhookParams(body);
    const twiml = (xml: string) => res.status(200).type("text/xml").send(xml);
    if (!params) {
      // Not a call we can place (no or malformed CallSid): the fallback, which needs nothing.
      twiml(renderApology("de", t, "/voice/fallback"));
      return;
    }
    const key = requestKey(req);
    let language: CallState["language"] = "de";
    let currentStep = "main-menu";
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const session = attempt === 0 && options.fresh ? null : await deps.sessions.load(params.callSid);
        if (session && session.lastRequestKey === key && session.lastResponse) {
          // Twilio repeated a request: the same answer, and the step does not run twice.
          twiml(session.lastResponse);
          return;
        }
        const state = session?.state ?? deps.flow.newState(params.callSid, params.from);
        language = state.language;
        currentStep = state.step;
        const outcome = await run(state, deps.flow, params, body);
        const xml = render(outcome, state.language);
        if (await deps.sessions.save(state, session?.version ?? null, key, xml)) {
          twiml(xml);
          return;
        }
      }
      throw new Error("call session kept changing under this webhook");
    } catch (err) {
      deps.logger.error({ err, step: currentStep }, "voice webhook failed");
      // First failure: apologise and try the step once more; a second: the fallback.
      const retried = req.originalUrl.includes("after=error");
      const next = retried ? "/voice/fallback" : `${enterUrl(stepOf(currentStep))}?after=error`;
      res.locals.apology = true;
      twiml(renderApology(language, t, next));
    }
  }

  return router;
}

/**
 * What makes a repeated request recognisable: Twilio's signature, an HMAC over the URL and
 * every parameter, which the guard has already checked. A repeat carries the same one.
 */
function requestKey(req: Request): string {
  return req.header("x-twilio-signature") ?? "";
}

export type { CallerInput };
