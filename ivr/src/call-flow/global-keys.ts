// Keys that work in every menu: * repeats, 0 asks for a person, # ends an entry (finishOnKey).
import type { CallerInput } from "./types.ts";

const REPEAT_WORDS = /\b(stern|sternchen|wiederholen|nochmal|noch mal|noch einmal|wie bitte|bitte was|repeat|again)\b/;
const OPERATOR_WORDS = /\b(mitarbeiter|mitarbeiterin|vermittlung|mensch|person sprechen|operator|agent)\b/;

export function isRepeatRequest(input: CallerInput): boolean {
  if (input.digits === "*") return true;
  return input.speech !== null && REPEAT_WORDS.test(normalise(input.speech));
}

export function isOperatorRequest(input: CallerInput): boolean {
  if (input.digits === "0") return true;
  if (input.speech === null) return false;
  const text = normalise(input.speech);
  return OPERATOR_WORDS.test(text) || text === "null";
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,!?]/g, "")
    .trim();
}
