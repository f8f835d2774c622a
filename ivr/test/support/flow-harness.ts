// The phone menu without HTTP or TwiML: the real steps and machine, on a real ledger (PGlite,
// or PostgreSQL when configured), so a step's rules are checked as (state, input) → outcome.
import { EmulatedSms } from "../../src/adapters/telephony/sms.ts";
import { CallFlow } from "../../src/call-flow/machine.ts";
import { ALL_STEPS } from "../../src/call-flow/steps/index.ts";
import type { CallerInput, CallState, FlowDeps, Prompt, StepName, StepOutcome } from "../../src/call-flow/types.ts";
import type { Language } from "../../src/contracts/languages.ts";
import { createAfterBookingServices } from "../../src/after-booking-services.ts";
import { createI18n } from "../../src/i18n.ts";
import { createLogger } from "../../src/logger.ts";
import type { Services } from "../../src/services.ts";
import type { FakeClock } from "./clock.ts";
import { createTestServices, type DbKind, type TestServices } from "./test-services.ts";

export interface FlowHarness {
  s: TestServices;
  flow: CallFlow;
  sms: EmulatedSms;
  /** A fresh call's state with the given fields set. */
  state(over?: Partial<CallState>): CallState;
  /** Arrives at a step (as a redirect would). */
  enter(state: CallState, step: StepName): Promise<Heard>;
  /** Answers the step the caller is at (state.step). */
  answer(state: CallState, input: Partial<CallerInput>): Promise<Heard>;
  dispose(): Promise<void>;
}

/** An outcome as the caller meets it: everything said, and what the line does next. */
export interface Heard {
  outcome: StepOutcome;
  text: string;
  /** Where the caller's next answer goes; null when the call ends or waits in the queue. */
  at: StepName | null;
}

let calls = 0;

/** The machine with every registered step on the given services, an SMS outbox and the texts. */
export async function menuFlow(s: Services, over: Partial<FlowDeps> = {}) {
  const i18n = await createI18n();
  const logger = createLogger("silent");
  const sms = new EmulatedSms(logger);
  const translate = (key: string, language: Language, params?: Record<string, string | number>) =>
    i18n.t(key, { ns: "voice", lng: language, ...(params ?? {}) });
  const flow = new CallFlow(ALL_STEPS, {
    ledger: s.ledger,
    clock: s.clock,
    settings: { minAge: 80, holdMusicUrl: "https://music.example/hold.mp3" },
    operations: s.settings,
    queue: s.queue,
    callbacks: s.callbacks,
    sms,
    contacts: s.contacts,
    codeLookups: s.codeLookups,
    translate,
    logger,
    afterBooking: {
      ...createAfterBookingServices(
        s,
        { OUTBOUND_CALLING_HOURS: "09:00-19:00", HOTLINE_PHONE: "116 117" },
        sms,
        translate,
      ),
      outbound: s.outbound,
    },
    ...over,
  });
  return { flow, sms, i18n, translate };
}

export async function createFlowHarness(kind: DbKind, clock: FakeClock, env: Record<string, string> = {}) {
  const s = await createTestServices(kind, clock, env);
  const { flow, sms, translate } = await menuFlow(s);
  const heard = (state: CallState, outcome: StepOutcome): Heard => {
    const said = (prompts: Prompt[]) =>
      prompts.map((p) =>
        "say" in p ? translate(p.say, p.language ?? state.language, p.params) : "code" in p ? p.code : "",
      );
    const text = [
      ...said(outcome.prompts),
      ...said(outcome.gather?.prompts ?? []),
      ...said(outcome.record?.prompts ?? []),
    ]
      .filter(Boolean)
      .join(" ");
    return { outcome, text, at: outcome.gather?.step ?? outcome.record?.step ?? null };
  };
  const harness: FlowHarness = {
    s,
    flow,
    sms,
    state: (over = {}) => ({ ...flow.newState(`CAstep${++calls}${Date.now()}`, "+4952411234567"), ...over }),
    enter: async (state, step) => heard(state, await flow.enter(state, step)),
    answer: async (state, input) =>
      heard(state, await flow.handle(state, state.step, { digits: null, speech: null, recordingUrl: null, ...input })),
    dispose: () => s.dispose(),
  };
  return harness;
}
