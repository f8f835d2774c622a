// The codes whose labels live in the locales. locale-keys.test.ts checks each has a German
// and an English text, so the lists double as the inventory of dynamic keys. Caller languages
// ("language.") and menu steps ("step.") are the contract's lists: @contracts/languages.ts and
// @contracts/menu-steps.ts.

/** Why the caller wanted a person; labels under "reason.". */
export const REASONS = [
  "pressed-0",
  "no-input",
  "invalid-input",
  "going-in-circles",
  "technical",
  "cannot-book",
  "identity-not-confirmed",
  "code-not-found",
  "first-dose-missed",
  "name-not-understood",
  "registrations-limit",
  "callback",
  "long-wait",
  "queue-full",
  "no-agents",
  "outside-hours",
  "awaiting-supply",
  "agent",
  "fallback",
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
