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
  /**
   * What the caller must hear before this answer: in a menu answered with one key, the speech up
   * to the end of the sentence that offers that key (barge-in: nobody waits for the options after
   * theirs); otherwise, all of it.
   */
  mustHear: number;
}

export interface SpeechBudget {
  choices: ChoiceBudget[];
  /** Speech after the caller's last answer (the goodbye). */
  afterLastChoice: number;
  /** All system speech of the call, in seconds. */
  total: number;
  /** What the caller must hear: each choice's mustHear and the speech after the last one. */
  mustHearTotal: number;
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
  /** What was said since the caller's last answer, in order. */
  let heard: { text: string; seconds: number; rate: number | undefined; inGather: boolean }[] = [];
  let total = 0;
  /** Time since the call began: speech, pauses and the waits for a Gather's timeout. */
  let clock = 0;
  let firstGermanChoice: number | null = null;
  let asked: { timeout: number; oneKey: boolean } = { timeout: 0, oneKey: false };
  const sum = (inGather?: boolean) =>
    heard.filter((h) => inGather === undefined || h.inGather === inGather).reduce((n, h) => n + h.seconds, 0);
  for (const event of events) {
    if (event.type === "say") {
      const seconds = sayingSeconds(event.text, event.rate, event.loop, event.breakSeconds ?? 0);
      if (firstGermanChoice === null && event.language === "de-DE") {
        const offer = firstSentenceOffering(event.text, OFFERS_A_KEY);
        if (offer !== null) firstGermanChoice = clock + sayingSeconds(offer, event.rate);
      }
      clock += seconds;
      total += seconds;
      heard.push({ text: event.text, seconds, rate: event.rate, inGather: event.inGather });
    } else if (event.type === "pause") {
      clock += event.seconds;
      total += event.seconds;
      heard.push({ text: "", seconds: event.seconds, rate: undefined, inGather: event.inGather ?? false });
    } else if (event.type === "gather" || event.type === "record") {
      const step = new URL(event.prompt.action).pathname.split("/").pop() ?? "?";
      const all = sum();
      choices.push({ step, untilCanAct: sum(false), untilAllHeard: all, mustHear: all });
      const oneKey = event.prompt.kind === "gather" && event.prompt.numDigits === 1;
      asked = { timeout: event.prompt.timeout, oneKey };
    } else if (event.type === "input") {
      if ("silence" in event.input) clock += asked.timeout;
      const choice = choices[choices.length - 1];
      if (choice && asked.oneKey && "digits" in event.input) choice.mustHear = untilOffered(heard, event.input.digits);
      heard = [];
    }
  }
  const afterLastChoice = sum();
  const mustHearTotal = choices.reduce((n, c) => n + c.mustHear, 0) + afterLastChoice;
  return { choices, afterLastChoice, total, mustHearTotal, firstGermanChoice };
}

/** Speech up to the end of the first sentence that offers `key` ("… die 2."), else all of it. */
function untilOffered(heard: { text: string; seconds: number; rate: number | undefined }[], key: string): number {
  const offers = new RegExp(`(die|Taste) ${key.replace(/[*#]/g, "\\$&")}\\b`);
  let seconds = 0;
  for (const h of heard) {
    const upTo = firstSentenceOffering(h.text, offers);
    if (upTo !== null) return seconds + sayingSeconds(upTo, h.rate);
    seconds += h.seconds;
  }
  return seconds;
}

/** The text up to the end of the first sentence that offers a key, or null. */
function firstSentenceOffering(text: string, offers: RegExp): string | null {
  const match = offers.exec(text);
  if (!match) return null;
  const end = text.indexOf(".", match.index);
  return text.slice(0, end === -1 ? text.length : end + 1);
}

const s = (seconds: number) => seconds.toFixed(1);

/** One row of the README's table: path, first choice, longest wait, each choice, totals. */
export function budgetRow(path: string, budget: SpeechBudget): string {
  const longest = Math.max(0, ...budget.choices.map((c) => c.untilCanAct));
  const each = budget.choices
    .map((c) => `${c.step} ${s(c.mustHear)}${c.untilCanAct > 0 ? ` (${s(c.untilCanAct)} before a key works)` : ""}`)
    .join(" · ");
  const first = budget.firstGermanChoice === null ? "–" : s(budget.firstGermanChoice);
  return `| ${path} | ${first} | ${s(longest)} | ${each} | ${s(budget.mustHearTotal)} | ${s(budget.total)} |`;
}

export const BUDGET_TABLE_HEADER = [
  "| path | first German choice | longest speech before the caller can act | each choice: step, speech the caller must hear first | must hear in all | all speech said |",
  "| --- | --- | --- | --- | --- | --- |",
];
