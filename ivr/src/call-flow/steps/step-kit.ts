// Small helpers shared by the steps: menus of at most three options, reading a choice from
// keys or speech, and the standard gather for numbers.
import { parseMenuChoice } from "../../domain/speech/german-numbers.ts";
import { matchOptionWords } from "../../domain/speech/option-words.ts";
import type { CallerInput, GatherSpec, Prompt, StepName, StepOutcome } from "../types.ts";

export const MENU_TIMEOUT_SECONDS = 6;
/** Typing a postcode or a date takes an 80-year-old longer than a menu choice. */
export const ENTRY_TIMEOUT_SECONDS = 10;

export function say(key: string, params?: Record<string, string | number>): Prompt {
  return params ? { say: key, params } : { say: key };
}

/**
 * A menu: what leads up to the options (`before`) is said inside the Gather too, so a caller who
 * already knows the answer presses it (or says it) at once instead of waiting the text out.
 */
export function menu(step: StepName, prompts: Prompt[], before: Prompt[] = []): StepOutcome {
  return {
    prompts: [],
    gather: {
      step,
      speech: true,
      numDigits: 1,
      timeoutSeconds: MENU_TIMEOUT_SECONDS,
      prompts: [...before, ...prompts],
      hints: MENU_HINTS,
    },
  };
}

export function entry(step: StepName, prompts: Prompt[], spec: Partial<GatherSpec> = {}): StepOutcome {
  return {
    prompts: [],
    gather: { step, speech: true, finishOnKey: "#", timeoutSeconds: ENTRY_TIMEOUT_SECONDS, prompts, ...spec },
  };
}

/** A name or a street, spoken: the caller speaks when the prompts end, then it is said back. */
export function speechEntry(step: StepName, prompts: Prompt[]): StepOutcome {
  return {
    prompts: [],
    gather: { step, speech: true, speechOnly: true, timeoutSeconds: MENU_TIMEOUT_SECONDS, prompts },
  };
}

const MENU_HINTS = "eins, zwei, drei, ja, nein, null, Stern";

export interface ChoiceOptions {
  /** Only where the question is a yes/no question: "ja" = 1, "nein" = 2. */
  yesNo?: boolean;
  /** The options' own words ("buchen", "Köln"), by key. */
  words?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A menu choice from a key press, a spoken number ("die eins", "zwo") or the option's own
 * words, or null. "ja"/"nein" count only in yes/no questions: elsewhere "nein" would pick 2.
 */
export function readChoice(input: CallerInput, allowed: readonly string[], options: ChoiceOptions = {}): string | null {
  if (input.digits) return allowed.includes(input.digits) ? input.digits : null;
  if (!input.speech) return null;
  const spoken = parseMenuChoice(input.speech, allowed, { yesNo: options.yesNo ?? false });
  if (spoken !== null || !options.words) return spoken;
  const named = matchOptionWords(input.speech, options.words);
  return named !== null && allowed.includes(named) ? named : null;
}

export function digitsOnly(input: CallerInput): string | null {
  return input.digits ? input.digits.replace(/[^0-9]/g, "") : null;
}
