// The codes whose labels live in the locales. locale-keys.test.ts checks each has a German
// and an English text, so the lists double as the inventory of dynamic keys.

/** Caller languages (CallContextView.language, CallbackView.language); labels under "language.". */
export const CALLER_LANGUAGES = ["de", "en", "tr", "ru", "pl", "ar"] as const;

/** Why the caller wanted a person; labels under "reason.". */
export const REASONS = [
  "pressed-0",
  "no-input",
  "invalid-input",
  "technical",
  "cannot-book",
  "callback",
  "long-wait",
  "queue-full",
  "outside-hours",
  "awaiting-supply",
  "agent",
  "fallback",
] as const;

/** The phone menu's steps (CallContextView.path); labels under "step.". */
export const MENU_STEPS = [
  "welcome",
  "closed",
  "main-menu",
  "code-entry",
  "code-menu",
  "cancel-confirm",
  "birth-year",
  "not-eligible",
  "postcode",
  "choose-district",
  "offer",
  "alternatives",
  "birth-date",
  "name",
  "confirm",
  "booked",
  "operator",
  "callback-offer",
  "callback-number",
  "callback-number-entry",
  "queue-wait",
  "queue-left",
  "callback-answer",
  "goodbye",
] as const;

/** "de-DE" → "de". */
export const languageCode = (language: string) => language.slice(0, 2).toLowerCase();

/** Consecutive repeats collapsed: ["postcode","postcode","offer"] → [["postcode",2],["offer",1]]. */
export function collapsePath(path: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const step of path) {
    const last = out[out.length - 1];
    if (last && last[0] === step) last[1] += 1;
    else out.push([step, 1]);
  }
  return out;
}
