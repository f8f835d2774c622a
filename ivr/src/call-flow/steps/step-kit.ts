// Small helpers shared by the steps: menus of at most three options, reading a choice from
// keys or speech, and the standard gather for numbers.
import { parseMenuChoice } from "../../domain/speech/german-numbers.ts";
import type { CallerInput, GatherSpec, Prompt, StepName, StepOutcome } from "../types.ts";

export const MENU_TIMEOUT_SECONDS = 6;
/** Typing a postcode or a date takes an 80-year-old longer than a menu choice. */
export const ENTRY_TIMEOUT_SECONDS = 10;

export function say(key: string, params?: Record<string, string | number>): Prompt {
  return params ? { say: key, params } : { say: key };
}

export function menu(step: StepName, prompts: Prompt[], before: Prompt[] = []): StepOutcome {
  return {
    prompts: before,
    gather: { step, speech: true, numDigits: 1, timeoutSeconds: MENU_TIMEOUT_SECONDS, prompts, hints: MENU_HINTS },
  };
}

export function entry(step: StepName, prompts: Prompt[], spec: Partial<GatherSpec> = {}): StepOutcome {
  return {
    prompts: [],
    gather: { step, speech: true, finishOnKey: "#", timeoutSeconds: ENTRY_TIMEOUT_SECONDS, prompts, ...spec },
  };
}

const MENU_HINTS = "eins, zwei, drei, ja, nein, null, Stern";

/** A menu choice from a key press or a spoken number ("die eins", "zwo"), or null. */
export function readChoice(input: CallerInput, allowed: readonly string[]): string | null {
  if (input.digits) return allowed.includes(input.digits) ? input.digits : null;
  if (input.speech) return parseMenuChoice(input.speech, allowed);
  return null;
}

export function digitsOnly(input: CallerInput): string | null {
  return input.digits ? input.digits.replace(/[^0-9]/g, "") : null;
}
