// The caller's side of the conversation: what the caller is asked, and what they can answer.
import type { GatherVerb, RecordVerb } from "./twiml-verbs.ts";

/**
 * What the caller meets at a <Gather> or <Record>: its settings, everything said since the caller
 * last answered (including the Gather's own Says), and the public URL the answer goes to.
 */
export type GatherPrompt = Omit<GatherVerb, "verb" | "action" | "children"> & {
  kind: "gather";
  text: string;
  action: string;
  /** True while the caller waits in a queue (the Gather came from a waitUrl document). */
  inQueue: boolean;
};
export type RecordPrompt = Omit<RecordVerb, "verb" | "action"> & { kind: "record"; text: string; action: string };
export type CallerPrompt = GatherPrompt | RecordPrompt;

export type CallerInput =
  | { digits: string }
  | { speech: string; confidence?: number }
  | { silence: true }
  | { hangup: true }
  /** Audio left on a <Record>: how long, and what ended it (a key, silence or hanging up). */
  | { recording: { seconds: number; endedBy?: "silence" | "hangup" | string } };

export type InputProvider = (prompt: CallerPrompt) => CallerInput | Promise<CallerInput>;

/** Anything with an `answer` method (ScriptedCaller, the terminal) can be the caller. */
export interface Caller {
  answer: InputProvider;
}

/**
 * One line of caller input, shared by `--script` and the keyboard: keys `0-9 * #` (spaces
 * ignored) → digits; `s:text` or anything with letters → speech; empty or `silence` → silence;
 * `q` or `hangup` → hang up; `r:12` → a 12 s recording ended by silence, `r:12#` ended by `#`.
 */
export function parseCallerInput(line: string): CallerInput {
  const text = line.trim();
  if (text === "" || text === "silence") return { silence: true };
  if (text === "q" || text === "hangup") return { hangup: true };
  if (text.startsWith("s:")) return { speech: text.slice(2).trim() };
  const recording = /^r:(\d+)\s*([0-9*#]|hangup)?$/.exec(text);
  if (recording) return { recording: { seconds: Number(recording[1]), endedBy: recording[2] ?? "silence" } };
  if (/^[0-9*#\s]+$/.test(text)) return { digits: text.replace(/\s+/g, "") };
  if (/\p{L}/u.test(text)) return { speech: text };
  throw new Error(`Cannot read "${line}" as caller input (keys 0-9*#, s:<speech>, silence, hangup, r:<seconds>)`);
}

/** Short human form of an input, for transcripts and error messages. */
export function describeInput(input: CallerInput): string {
  if ("digits" in input) return `⌨ ${input.digits}`;
  if ("speech" in input) return `🗣 "${input.speech}"`;
  if ("silence" in input) return "(silence)";
  if ("hangup" in input) return "(hangs up)";
  return `(records ${input.recording.seconds} s, ended by ${input.recording.endedBy ?? "silence"})`;
}

/** What the caller is expected to do, e.g. "⌨ 5 digits, or speak (de-DE) – 5 s timeout". */
export function describePrompt(prompt: CallerPrompt): string {
  if (prompt.kind === "record")
    return `● recording (max ${prompt.maxLength} s, ends on ${prompt.finishOnKey || "silence"}) – r:<seconds>, q`;
  const ways: string[] = [];
  if (prompt.input.includes("dtmf")) {
    const n = prompt.numDigits;
    const finish = prompt.finishOnKey === "" ? "" : `, end with ${prompt.finishOnKey}`;
    ways.push(n === undefined ? `⌨ digits${finish}` : `⌨ ${n} digit${n === 1 ? "" : "s"}`);
  }
  if (prompt.input.includes("speech")) ways.push(`speak (${prompt.language ?? "en-US"})`);
  return `${ways.join(", or ")} – ${prompt.timeout} s timeout`;
}
