// Twilio's voice webhooks. Thin: read the parameters, let the call flow decide, render TwiML,
// remember the answer. The endpoint in front has already checked the signature. A voice
// route never answers 5xx.
import type { i18n } from "i18next";
import type { Logger } from "pino";
import type { CallFlow } from "../../call-flow/machine.ts";
import type { CallEndStore } from "../../call-flow/call-end.ts";
import { heldPairOf, releaseDiscardedHold } from "../../call-flow/discarded-run.ts";
import type { CallSessionStore } from "../../call-flow/session-store.ts";
import { ALL_STEPS } from "../../call-flow/steps/index.ts";
import type { CallerInput, CallState, StepName, StepOutcome } from "../../call-flow/types.ts";
import type { CallbackService } from "../../domain/callbacks/callback-service.ts";
import { answeredBy, type OutboundCalls } from "../../domain/outbound/outbound-calls.ts";
import { isLanguage } from "../../i18n.ts";
import { renderConference } from "./render-conference.ts";
import {
  answeredVersion,
  enterUrl,
  memoisedRenderer,
  renderApology,
  renderSpokenConference,
  renderTwiml,
} from "./render-twiml.ts";
import type { VoiceHandler, VoiceReply, VoiceRequest, VoiceRoutes } from "./voice-endpoint.ts";
import { readWebhookParams, type WebhookParams } from "./webhook-params.ts";

export interface VoiceDeps {
  flow: CallFlow;
  sessions: CallSessionStore;
  callEnd: CallEndStore;
  callbacks: CallbackService;
  outbound: Pick<OutboundCalls, "find" | "answered" | "dialEnded" | "policies">;
  i18n: i18n;
  logger: Logger;
  /** An agent's callback was answered: bridge it through a conference (call-control.ts); false if not. */
  callbackAnswered?: (callSid: string, agentId: string, callbackId: number) => Promise<boolean>;
  /**
   * Asynchronous machine detection found a machine on a call already talking: moves the live call
   * to the short message without personal data (the provider's call update).
   */
  machineAnswered?: (callSid: string) => Promise<void>;
}

type Body = Record<string, string | string[] | undefined>;
type Run = (state: CallState, flow: CallFlow, params: WebhookParams, body: Body) => Promise<StepOutcome>;

const STEP_NAMES = new Set<string>(ALL_STEPS.map((s) => s.name));
const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
/** Twilio's documented QueueResult values; anything else is treated as a hang-up. */
const QUEUE_RESULTS = new Set([
  "bridged",
  "bridging-in-process",
  "queue-full",
  "redirected",
  "leave",
  "hangup",
  "error",
  "system-error",
]);
const isId = (n: number) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31;
const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");
const num = (value: string | string[] | undefined) => Number(typeof value === "string" ? value : undefined);

export function voiceRoutes(deps: VoiceDeps): VoiceRoutes {
  const t = deps.i18n.t.bind(deps.i18n);
  const render = memoisedRenderer(t);

  const stepOf = (name: string, otherwise: StepName = "main-menu"): StepName =>
    STEP_NAMES.has(name) ? (name as StepName) : otherwise;
  const agentOf = (req: VoiceRequest) => (req.query.get("agent") ?? "").slice(0, 64);

  const exact = new Map<string, VoiceHandler>([
    // A call's first webhook: its session cannot exist yet unless Twilio repeats the request,
    // so it is not read first; a repeat finds the row on insert and goes the usual way.
    ["/voice/incoming", (req, reply) => answer(req, reply, (state, flow) => flow.start(state), { fresh: true })],

    // The agent queue: Twilio's wait loop, and the Enqueue's action when the caller leaves.
    [
      "/voice/queue/wait",
      (req, reply) =>
        answer(req, reply, (state, flow, _p, body) => {
          const position = num(body.QueuePosition);
          state.queuePosition = Number.isInteger(position) && position > 0 ? position : undefined;
          return flow.enter(state, "queue-wait");
        }),
    ],
    [
      "/voice/queue/left",
      (req, reply) =>
        answer(req, reply, (state, flow, _p, body) => {
          const result = text(body.QueueResult);
          state.queueResult = QUEUE_RESULTS.has(result) ? result : "hangup";
          const seconds = num(body.QueueTime);
          state.queueTimeSeconds =
            Number.isFinite(seconds) && seconds >= 0 && seconds <= 7 * 86_400 ? Math.round(seconds) : undefined;
          return flow.enter(state, "queue-left");
        }),
    ],

    // Outbound callbacks: the callee answered (greet, then to an agent), and the call's end.
    [
      "/voice/callback/answer",
      (req, reply) =>
        answer(req, reply, async (state, flow) => {
          const id = Number(req.query.get("request"));
          const request = isId(id) ? await deps.callbacks.find(id) : null;
          if (request) {
            state.callbackRequestId = request.id;
            state.language = isLanguage(request.language) ? request.language : "de";
            state.birthYear = request.birthYear ?? undefined;
          }
          return flow.enter(state, "callback-answer");
        }),
    ],
    [
      "/voice/callback/status",
      async (req, reply) => {
        const params = readWebhookParams(req.body);
        if (params?.callStatus && ENDED.has(params.callStatus)) {
          try {
            await deps.callbacks.dialEnded(params.callSid, params.callStatus, num(req.body.CallDuration) || 0);
          } catch (err) {
            // The request's lease runs out and it is dialled again: late, never lost.
            deps.logger.warn({ err }, "callback status not recorded");
          }
        }
        reply.noContent();
      },
    ],

    // The outbound scheduler's automated calls (invitations; reminders and standby calls next):
    // answered (Twilio's AnsweredBy says by whom, with machine detection on), and the call's end.
    [
      "/voice/outbound/answer",
      (req, reply) =>
        answer(
          req,
          reply,
          async (state, flow, params, body) => {
            const id = Number(req.query.get("task"));
            const task = isId(id) ? await deps.outbound.find(id) : null;
            // With asynchronous detection the call is answered before anyone knows who picked up:
            // AnsweredBy is absent, the greeting starts at once, and /voice/outbound/amd says it later.
            const detected = text(body.AnsweredBy);
            state.answeredBy = answeredBy(detected);
            if (!task) return flow.enter(state, "goodbye");
            state.outboundTaskId = task.id;
            state.outboundSubject = task.subjectId;
            // Twilio's From is our own number on a call we place: the person's is the one we dialled.
            state.from = task.phone;
            // A recorded voice calling an 85-year-old speaks slowly from its first word, and
            // asks for keys only (what hearing.ts does for a caller who asked twice to repeat).
            state.hardOfHearing = true;
            state.language = isLanguage(task.language) ? task.language : "de";
            if (detected) await deps.outbound.answered(params.callSid, state.answeredBy);
            return flow.enter(state, stepOf(deps.outbound.policies[task.kind].answerStep, "goodbye"));
          },
          { fresh: true },
        ),
    ],
    [
      // Asynchronous answering-machine detection's result (Twilio's AsyncAmdStatusCallback): the
      // attempt's outcome is kept, and a machine (machine_end_*: its greeting is over, the beep
      // heard) gets the call moved to the short message with no personal data. A person: nothing
      // changes, the call goes on where it is. Someone who has typed the right birth date is a
      // person whatever detection guessed: their call is never moved.
      "/voice/outbound/amd",
      async (req, reply) => {
        const params = readWebhookParams(req.body);
        const detected = text((req.body as Body).AnsweredBy);
        if (params && detected) {
          try {
            const state = (await deps.sessions.load(params.callSid))?.state;
            const identified = state?.invitation?.confirmed || state?.outboundIdentity?.confirmed;
            const by = identified ? "human" : answeredBy(detected);
            const task = await deps.outbound.answered(params.callSid, by);
            if (task && by === "machine") await deps.machineAnswered?.(params.callSid);
          } catch (err) {
            // The call ended meanwhile, or the provider refused the update: the person flow goes
            // on (its identity check says nothing personal to a machine either).
            deps.logger.warn({ err }, "machine detection result not acted on");
          }
        }
        reply.noContent();
      },
    ],
    [
      "/voice/outbound/status",
      async (req, reply) => {
        const params = readWebhookParams(req.body);
        if (params?.callStatus && ENDED.has(params.callStatus)) {
          deps.sessions.forget?.(params.callSid);
          try {
            await deps.outbound.dialEnded(params.callSid, params.callStatus, num(req.body.CallDuration) || 0);
          } catch (err) {
            // The task's claim runs out and it is dialled again (its attempt counted): late, never lost.
            deps.logger.warn({ err }, "outbound status not recorded");
          }
        }
        reply.noContent();
      },
    ],

    // An agent took a queued caller: into the caller's own conference, where the agent's
    // softphone joins (call-control.ts). A callback's callee is connected to the agent directly.
    [
      "/voice/agent/connect",
      (req, reply) => {
        const callSid = readWebhookParams(req.body)?.callSid;
        reply.twiml(
          callSid
            ? renderConference(callSid, deps.flow.deps.settings.holdMusicUrl)
            : renderTwiml({ prompts: [], dialAgent: agentOf(req) }, "de", t),
        );
      },
    ],
    [
      "/voice/agent/callback",
      async (req, reply) => {
        const id = Number(req.query.get("request"));
        const request = isId(id) ? await deps.callbacks.find(id).catch(() => null) : null;
        const language = request && isLanguage(request.language) ? request.language : "de";
        const prompts = [{ say: "callback.answer_greeting" }];
        // Bridged through the callee's own conference, so call control works as on an inbound call.
        const callSid = readWebhookParams(req.body)?.callSid;
        const bridged =
          request && callSid && deps.callbackAnswered
            ? await deps.callbackAnswered(callSid, agentOf(req), request.id).catch((err: unknown) => {
                deps.logger.warn({ err }, "callback not bridged through a conference");
                return false;
              })
            : false;
        if (bridged && callSid) {
          const waitUrl = deps.flow.deps.settings.holdMusicUrl;
          return void reply.twiml(renderSpokenConference(prompts, language, t, { callSid, waitUrl }));
        }
        reply.twiml(renderTwiml({ prompts, dialAgent: agentOf(req) }, language, t));
      },
    ],

    [
      "/voice/status",
      async (req, reply) => {
        const params = readWebhookParams(req.body);
        if (params?.callStatus && ENDED.has(params.callStatus)) {
          deps.sessions.forget?.(params.callSid);
          try {
            await deps.callEnd.ended(params.callSid, new Date());
          } catch (err) {
            // The hold sweep gives the places back within minutes anyway.
            deps.logger.warn({ err }, "status callback could not release holds");
          }
        }
        reply.noContent();
      },
    ],
  ]);

  // "/voice/step/<step>": the caller answered a step's Gather; "/voice/enter/<step>": a step starts afresh.
  const handleStep = new Map<string, VoiceHandler>();
  const enterStep = new Map<string, VoiceHandler>();
  for (const name of STEP_NAMES) {
    const step = name as StepName;
    handleStep.set(name, (req, reply) => answer(req, reply, (state, flow, p) => flow.handle(state, step, p.input)));
    enterStep.set(name, (req, reply) => answer(req, reply, (state, flow) => flow.enter(state, step)));
  }
  const unknownStep: VoiceHandler = (req, reply) => answer(req, reply, (state, flow) => flow.enter(state, "main-menu"));

  const brokenPath: VoiceHandler = (_req, reply) => reply.badRequest("the path is not valid percent-encoding");
  const stepRoute = (steps: Map<string, VoiceHandler>, segment: string) => {
    const name = decodedSegment(segment);
    return name === null ? brokenPath : (steps.get(name) ?? unknownStep);
  };

  return (path) => {
    if (path.startsWith("/voice/step/"))
      return oneSegment(path, 12) ? stepRoute(handleStep, path.slice(12)) : undefined;
    if (path.startsWith("/voice/enter/"))
      return oneSegment(path, 13) ? stepRoute(enterStep, path.slice(13)) : undefined;
    return exact.get(path);
  };

  async function answer(
    req: VoiceRequest,
    reply: VoiceReply,
    run: Run,
    options: { fresh?: boolean } = {},
  ): Promise<void> {
    const body = req.body as Body;
    const params = readWebhookParams(body);
    if (!params) {
      // Not a call we can place (no or malformed CallSid): the fallback, which needs nothing.
      reply.twiml(renderApology("de", t, "/voice/fallback"));
      return;
    }
    const key = req.signature;
    const answers = answeredVersion(req.query.get("v"));
    let language: CallState["language"] = "de";
    let currentStep = "main-menu";
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        // A retry (attempt 1) reads the row: the version the URL names is no longer current.
        const session =
          attempt === 0 && options.fresh
            ? null
            : await deps.sessions.load(params.callSid, attempt === 0 ? answers : undefined);
        if (session && session.lastRequestKey === key && session.lastResponse) {
          // Twilio repeated a request: the same answer, and the step does not run twice. (Its
          // signature, an HMAC over the URL and every parameter, makes a repeat recognisable.)
          reply.twiml(session.lastResponse);
          return;
        }
        const state = session?.state ?? deps.flow.newState(params.callSid, params.from);
        language = state.language;
        currentStep = state.step;
        const heldBefore = heldPairOf(state);
        const outcome = await run(state, deps.flow, params, body);
        const xml = render(outcome, state.language, (session?.version ?? 0) + 1);
        if (await deps.sessions.save(state, session?.version ?? null, key, xml)) {
          reply.twiml(xml);
          return;
        }
        // Another webhook of this call saved first (often a duplicate of this one): this run
        // is thrown away, so a pair it held must not stay held.
        await releaseDiscardedHold(deps.flow.deps, heldBefore, state);
      }
      throw new Error("call session kept changing under this webhook");
    } catch (err) {
      deps.logger.error({ err, step: currentStep }, "voice webhook failed");
      // First failure: apologise and try the step once more; a second: the fallback.
      const retried = req.url.includes("after=error");
      const next = retried ? "/voice/fallback" : `${enterUrl(stepOf(currentStep))}?after=error`;
      reply.twiml(renderApology(language, t, next), true);
    }
  }
}

/** A path segment with its %-escapes decoded (as Express decoded route parameters), or null when they are broken. */
function decodedSegment(segment: string): string | null {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** "/voice/step/x" has one segment after its prefix (at `from`); "/voice/step/x/y" has none of ours. */
function oneSegment(path: string, from: number): boolean {
  return path.length > from && path.indexOf("/", from) === -1;
}

export type { CallerInput };
