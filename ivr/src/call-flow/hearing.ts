// How the menu listens and speaks to one caller. Speech is understood only in German (the number
// and option parsers are German), so other languages answer with keys. A caller who asks twice to
// hear something again ("*", "Wie bitte?", "noch einmal") most likely hears badly: from then on
// the prompts are said more slowly, in their shorter keys-only form, and speech is not offered
// (a landline's line noise and a misheard answer cost such a caller the most).
import type { CallState, Prompt, StepOutcome } from "./types.ts";

/** Requests for a repeat after which the rest of the call is slower and keys only. */
export const REPEATS_BEFORE_SLOWER = 2;

/** Whether this caller's answers may be spoken (German, and not hard of hearing). */
export function speechAccepted(state: Pick<CallState, "language" | "hardOfHearing">): boolean {
  return state.language === "de" && !state.hardOfHearing;
}

/** Counts a request for a repeat; the second one switches the call to slow, keys-only prompts. */
export function askedToRepeat(state: CallState): Prompt[] {
  state.repeatRequests = (state.repeatRequests ?? 0) + 1;
  if (state.hardOfHearing || state.repeatRequests < REPEATS_BEFORE_SLOWER) return [];
  state.hardOfHearing = true;
  return [{ say: "common.slower" }];
}

/** The outcome as this caller gets it: keys only where speech is not understood, slower if asked. */
export function fitToCaller(state: CallState, outcome: StepOutcome): StepOutcome {
  let fitted = outcome;
  if (fitted.gather?.speech && !speechAccepted(state)) {
    const { hints: _hints, ...gather } = fitted.gather;
    fitted = { ...fitted, gather: { ...gather, speech: false } };
  }
  return state.hardOfHearing ? { ...fitted, slow: true } : fitted;
}
