// How long a caller listens: the speech of an emulated call, in seconds, before each choice and
// in all. 13 characters a second is what espeak-ng at 150 words a minute measured on these German
// prompts, close to Polly at the hotline's 90 % rate; a Say at another rate is scaled (the code's
// 75 % takes 90/75 as long), SSML breaks and <Pause> count as the silence they are.
import type { CallEvent } from "../../../scripts/phone/call-emulator.ts";

export const CHARS_PER_SECOND = 13;
/** The prosody rate the 13 characters a second were measured at. */
const MEASURED_RATE = 0.9;

export interface ChoiceBudget {
  /** The step that asks (from the Gather's or Record's action URL). */
  step: string;
  /** Speech before the Gather starts: the caller cannot act yet (no barge-in outside a Gather). */
  untilCanAct: number;
  /** All speech since the caller's last answer, including what the Gather itself says. */
  untilAllHeard: number;
}

export interface SpeechBudget {
  choices: ChoiceBudget[];
  /** Speech after the caller's last answer (the goodbye). */
  afterLastChoice: number;
  /** All system speech of the call, in seconds. */
  total: number;
  /** From the greeting's start to the end of the first German sentence that offers a key. */
  firstGermanChoice: number | null;
}

/** "drücken Sie die 1", "die Taste 4": a sentence that names a key to press. */
const OFFERS_A_KEY = /drücken Sie die (\d|Stern)|Taste \d/;

export function sayingSeconds(text: string, rate = MEASURED_RATE, loop = 1, breakSeconds = 0): number {
  return ((text.length / CHARS_PER_SECOND) * (MEASURED_RATE / rate) + breakSeconds) * Math.max(1, loop);
}

export function measureSpeech(events: readonly CallEvent[]): SpeechBudget {
  const choices: ChoiceBudget[] = [];
  let outside = 0;
  let inside = 0;
  let total = 0;
  /** Time since the call began: speech, pauses and the waits for a Gather's timeout. */
  let clock = 0;
  let firstGermanChoice: number | null = null;
  let lastTimeout = 0;
  for (const event of events) {
    if (event.type === "say") {
      const seconds = sayingSeconds(event.text, event.rate, event.loop, event.breakSeconds ?? 0);
      if (firstGermanChoice === null && event.language === "de-DE") {
        const offer = firstSentenceOffering(event.text);
        if (offer !== null) firstGermanChoice = clock + sayingSeconds(offer, event.rate);
      }
      clock += seconds;
      total += seconds;
      if (event.inGather) inside += seconds;
      else outside += seconds;
    } else if (event.type === "pause") {
      clock += event.seconds;
      total += event.seconds;
      if (event.inGather) inside += event.seconds;
      else outside += event.seconds;
    } else if (event.type === "gather" || event.type === "record") {
      const step = new URL(event.prompt.action).pathname.split("/").pop() ?? "?";
      choices.push({ step, untilCanAct: outside, untilAllHeard: outside + inside });
      lastTimeout = event.prompt.timeout;
    } else if (event.type === "input") {
      if ("silence" in event.input) clock += lastTimeout;
      outside = 0;
      inside = 0;
    }
  }
  return { choices, afterLastChoice: outside + inside, total, firstGermanChoice };
}

/** The text up to the end of the first sentence that offers a key, or null. */
function firstSentenceOffering(text: string): string | null {
  const match = OFFERS_A_KEY.exec(text);
  if (!match) return null;
  const end = text.indexOf(".", match.index);
  return text.slice(0, end === -1 ? text.length : end + 1);
}

const s = (seconds: number) => seconds.toFixed(1);

/** One row of the README's table: path, first choice, longest wait, each choice, total. */
export function budgetRow(path: string, budget: SpeechBudget): string {
  const longest = Math.max(0, ...budget.choices.map((c) => c.untilCanAct));
  const each = budget.choices.map((c) => `${c.step} ${s(c.untilCanAct)}/${s(c.untilAllHeard)}`).join(" · ");
  const first = budget.firstGermanChoice === null ? "–" : s(budget.firstGermanChoice);
  return `| ${path} | ${first} | ${s(longest)} | ${each} | ${s(budget.total)} |`;
}

export const BUDGET_TABLE_HEADER = [
  "| path | first German choice (s) | longest before the caller can act (s) | each choice: step, s until the caller can act / s until all is heard | total speech (s) |",
  "| --- | --- | --- | --- | --- |",
];
