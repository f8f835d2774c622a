// Runs one webhook's worth of the phone menu: the global keys (* repeats, 0 asks for a
// person), silence and invalid input (asked twice, then the step's way out), and transitions.
// Every call must reach an end (a booking, a callback, a person, or a goodbye that says when to
// call again), so no menu can be failed or re-entered without limit.
import type {
  CallerInput,
  CallState,
  FlowDeps,
  HandleResult,
  Prompt,
  Step,
  StepContext,
  StepName,
  StepOutcome,
} from "./types.ts";
import { isRepeatRequest, isOperatorRequest } from "./global-keys.ts";
import { askedToRepeat, fitToCaller } from "./hearing.ts";

/** A step silent or answered wrongly this often moves on (its giveUp, else a person). */
export const MAX_FAILURES = 2;
/** Entering one menu more often than this since the last booking ends the circle. */
export const MAX_VISITS = 3;
/** Steps that loop by design (the queue's wait music) or that end the call themselves. */
const UNCOUNTED: ReadonlySet<StepName> = new Set<StepName>(["queue-wait", "queue-left", "goodbye", "operator"]);

export class CallFlow {
  private readonly steps = new Map<StepName, Step>();

  constructor(
    steps: Step[],
    readonly deps: FlowDeps,
  ) {
    for (const step of steps) this.steps.set(step.name, step);
  }

  newState(callSid: string, from: string | null): CallState {
    return {
      callSid,
      from,
      language: "de",
      startedAt: this.deps.clock.now().toISOString(),
      step: "welcome",
      retries: 0,
      path: [],
      operatorVisits: 0,
      bookings: [],
      bookingAttempt: 0,
    };
  }

  /** The first webhook of a call. */
  async start(state: CallState): Promise<StepOutcome> {
    return fitToCaller(state, await this.goto({ state, deps: this.deps }, "welcome"));
  }

  /** Arrival at a step without input (a Redirect). */
  async enter(state: CallState, name: StepName): Promise<StepOutcome> {
    return fitToCaller(state, await this.goto({ state, deps: this.deps }, name));
  }

  /** The caller's answer to the gather of step `name`. */
  async handle(state: CallState, name: StepName, input: CallerInput): Promise<StepOutcome> {
    return fitToCaller(state, await this.answer(state, name, input));
  }

  private async answer(state: CallState, name: StepName, input: CallerInput): Promise<StepOutcome> {
    const ctx: StepContext = { state, deps: this.deps };
    const step = this.step(name);
    if (state.step !== name) {
      // A webhook for an earlier step (the caller answered late): continue from there.
      state.step = name;
      state.retries = 0;
    }
    if (!step.handle) return this.goto(ctx, name);
    if (!step.ownsStarAndZero) {
      if (isRepeatRequest(input)) return this.again(ctx, step, askedToRepeat(state));
      if (isOperatorRequest(input)) return this.toOperator(ctx, "pressed-0");
    }
    const silent = !input.digits && !input.speech && !input.recordingUrl;
    if (silent && !step.acceptsSilence) return this.retry(ctx, step, "common.no_input", undefined, "no-input");
    const result = await step.handle(ctx, input);
    if ("invalid" in result) return this.retry(ctx, step, result.invalid, result.params, "invalid-input");
    return this.follow(ctx, result);
  }

  private follow(ctx: StepContext, result: Exclude<HandleResult, { invalid: string }>): Promise<StepOutcome> {
    if ("goto" in result) return this.goto(ctx, result.goto, result.prompts ?? []);
    if ("toOperator" in result) return this.toOperator(ctx, result.toOperator, result.prompts ?? []);
    return Promise.resolve(result);
  }

  async goto(ctx: StepContext, name: StepName, before: Prompt[] = []): Promise<StepOutcome> {
    const { state } = ctx;
    if (!UNCOUNTED.has(name)) {
      const visits = (state.visits ??= {});
      visits[name] = (visits[name] ?? 0) + 1;
      if (visits[name] > MAX_VISITS) return this.giveUp(ctx, this.step(name), "going-in-circles", before);
    }
    state.step = name;
    state.retries = 0;
    state.path.push(name);
    if (state.path.length > 60) state.path.splice(0, state.path.length - 60);
    const outcome = await this.step(name).enter(ctx);
    if (
      outcome.redirect &&
      !outcome.gather &&
      !outcome.record &&
      !outcome.hangup &&
      !outcome.enqueue &&
      !outcome.leave
    ) {
      // Chained steps are entered right away: one webhook, one answer, no extra round trip.
      const next = await this.goto(ctx, outcome.redirect);
      return { ...next, prompts: [...before, ...outcome.prompts, ...next.prompts] };
    }
    return withPrefix(outcome, before);
  }

  toOperator(
    ctx: StepContext,
    reason: NonNullable<CallState["operatorReason"]>,
    before: Prompt[] = [],
  ): Promise<StepOutcome> {
    ctx.state.operatorReason = reason;
    // A caller sent to a person twice already does not go round a third time: goodbye, with
    // the hours, is the honest end (the step says them).
    if (ctx.state.operatorVisits >= 2) return this.goto(ctx, "goodbye", before);
    if (ctx.state.step !== "operator") ctx.state.returnTo = ctx.state.step;
    return this.goto(ctx, "operator", before);
  }

  /** The way out of a step the caller could not get through, or went round too often. */
  private async giveUp(
    ctx: StepContext,
    step: Step,
    reason: NonNullable<CallState["operatorReason"]>,
    before: Prompt[] = [],
  ): Promise<StepOutcome> {
    const result = step.giveUp ? await step.giveUp(ctx, reason) : null;
    if (result === null) return this.toOperator(ctx, reason, before);
    if ("goto" in result) return this.goto(ctx, result.goto, [...before, ...(result.prompts ?? [])]);
    if ("toOperator" in result) return this.toOperator(ctx, result.toOperator, [...before, ...(result.prompts ?? [])]);
    return withPrefix(result, before);
  }

  private async retry(
    ctx: StepContext,
    step: Step,
    key: string,
    params: Record<string, string | number> | undefined,
    reason: "no-input" | "invalid-input",
  ): Promise<StepOutcome> {
    ctx.state.retries += 1;
    if (ctx.state.retries >= MAX_FAILURES) return this.giveUp(ctx, step, reason, [{ say: key, params }]);
    return this.again(ctx, step, [{ say: key, params }]);
  }

  private async again(ctx: StepContext, step: Step, before: Prompt[]): Promise<StepOutcome> {
    return withPrefix(await step.enter(ctx), before);
  }

  private step(name: StepName): Step {
    const step = this.steps.get(name);
    if (!step) throw new Error(`unknown step ${name}`);
    return step;
  }
}

/** Prompts said before an outcome go inside its gather, so the caller can answer at once. */
function withPrefix(outcome: StepOutcome, before: Prompt[]): StepOutcome {
  if (before.length === 0) return outcome;
  if (outcome.gather)
    return {
      ...outcome,
      gather: { ...outcome.gather, prompts: [...before, ...outcome.prompts, ...outcome.gather.prompts] },
      prompts: [],
    };
  return { ...outcome, prompts: [...before, ...outcome.prompts] };
}
