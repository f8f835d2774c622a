// The phone menu without HTTP: the machine and every registered step on the test services'
// ledger (PGlite or PostgreSQL), an SMS outbox, and helpers to read an outcome — which prompt
// keys it says (codes as "code:…"), the German text, and where the call goes next.
import type { i18n } from "i18next";
import type { EmulatedSms } from "../../src/adapters/telephony/sms.ts";
import type { CallFlow } from "../../src/call-flow/machine.ts";
import type { CallerInput, CallState, Prompt, StepName, StepOutcome } from "../../src/call-flow/types.ts";
import type { Language } from "../../src/i18n.ts";
import type { Services } from "../../src/services.ts";
import { menuFlow } from "./flow-harness.ts";

export interface StepFlow {
  flow: CallFlow;
  sms: EmulatedSms;
  i18n: i18n;
  /** A call at `step`, as the machine would have left it. */
  callAt(step: StepName, from: string | null, over?: Partial<CallState>): CallState;
}

export async function stepFlow(services: Services): Promise<StepFlow> {
  // The steps' rules, not the limit (ivr/test/menu-steps.table.test.ts and the domain's own
  // test cover that): many cases here share one caller ID within the hour.
  const { flow, sms, i18n } = await menuFlow(services, { codeLookups: { callerLookup: async () => null } });
  let calls = 0;
  return {
    flow,
    sms,
    i18n,
    callAt(step, from, over = {}) {
      const state = flow.newState(`CA-steps-${++calls}-${Date.now()}`, from);
      return { ...state, step, path: [step], ...over };
    },
  };
}

export const keys = (digits: string): CallerInput => ({ digits, speech: null, recordingUrl: null });
export const speech = (text: string): CallerInput => ({ digits: null, speech: text, recordingUrl: null });
export const silence: CallerInput = { digits: null, speech: null, recordingUrl: null };

function allPrompts(outcome: StepOutcome): Prompt[] {
  return [...outcome.prompts, ...(outcome.gather?.prompts ?? []), ...(outcome.record?.prompts ?? [])];
}

/** The prompt keys said, in order; a code as "code:<what was passed>". */
export function said(outcome: StepOutcome): string[] {
  return allPrompts(outcome).flatMap((p) => ("say" in p ? [p.say] : "code" in p ? [`code:${p.code}`] : []));
}

/** The German (or other) text of everything said, codes as their value. */
export function spoken(outcome: StepOutcome, i18n: i18n, language: Language = "de"): string {
  return allPrompts(outcome)
    .flatMap((p) =>
      "say" in p
        ? [i18n.t(p.say, { ns: "voice", lng: p.language ?? language, ...(p.params ?? {}) })]
        : "code" in p
          ? [p.code]
          : [],
    )
    .join(" ");
}

/** Where the call goes next: the step whose answer is awaited, or how it ends. */
export function next(outcome: StepOutcome): StepName | "hangup" | "queue" | "redirect" {
  if (outcome.gather) return outcome.gather.step;
  if (outcome.record) return outcome.record.step;
  if (outcome.enqueue) return "queue";
  if (outcome.hangup) return "hangup";
  return "redirect";
}
