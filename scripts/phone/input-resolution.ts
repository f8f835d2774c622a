// How Twilio turns what the caller did during <Gather> or <Record> into the next step of the
// call. Pure functions, so the rules can be read (and tested) without HTTP around them.
import type { CallerInput } from "./caller-input.ts";
import type { GatherVerb, RecordVerb } from "./twiml-verbs.ts";
import { newSid, type TwilioParams } from "./twilio-request.ts";

export type InputResolution =
  /** Request the action URL with these extra fields. `hangupAfter`: Twilio ignores the answer, the call is over. */
  | { kind: "submit"; params: TwilioParams; seconds: number; hangupAfter?: boolean; note: string }
  /** No request; Twilio continues with the verb after the Gather/Record. */
  | { kind: "fallthrough"; seconds: number; note: string }
  | { kind: "hangup"; seconds: number; note: string };

const HUNG_UP: InputResolution = { kind: "hangup", seconds: 1, note: "caller hung up" };

/** Seconds a caller needs to say something (~150 words a minute). */
export function speakingSeconds(text: string): number {
  return Math.max(1, Math.ceil(text.split(/\s+/).filter(Boolean).length * 0.4));
}

export function resolveGather(gather: GatherVerb, input: CallerInput): InputResolution {
  if ("hangup" in input) return HUNG_UP;
  if ("recording" in input) throw new Error("a recording only answers <Record>, not <Gather>");
  if ("digits" in input) {
    if (!/^[0-9*#]*$/.test(input.digits)) throw new Error(`"${input.digits}" contains keys a phone does not have`);
    if (!gather.input.includes("dtmf")) return empty(gather, "keys ignored: Gather listens for speech only");
    return collectDigits(gather, input.digits);
  }
  if ("speech" in input) {
    if (!gather.input.includes("speech")) return empty(gather, "speech ignored: Gather listens for keys only");
    if (input.speech.trim() === "") return empty(gather, "no speech");
    const params = { SpeechResult: input.speech, Confidence: (input.confidence ?? 0.9).toFixed(8) };
    return { kind: "submit", params, seconds: speakingSeconds(input.speech) + 1, note: "speech submitted" };
  }
  return empty(gather, "silence");
}

/** Keys up to numDigits or the finishOnKey (which is not part of Digits); later keys are dropped. */
function collectDigits(gather: GatherVerb, keys: string): InputResolution {
  const end = gather.finishOnKey === "" ? -1 : keys.indexOf(gather.finishOnKey);
  const digits = (end < 0 ? keys : keys.slice(0, end)).slice(0, gather.numDigits);
  const finishedOnKey = end >= 0 && end < (gather.numDigits ?? Infinity) ? gather.finishOnKey : "";
  // Only the finishOnKey, no digits: Twilio treats this as no input.
  if (digits === "") return empty(gather, `only ${finishedOnKey || "nothing"} pressed`);
  const complete = finishedOnKey !== "" || digits.length === gather.numDigits;
  return {
    kind: "submit",
    params: { Digits: digits, FinishedOnKey: finishedOnKey },
    // Without numDigits or finishOnKey Twilio waits out the timeout before submitting.
    seconds: digits.length + (complete ? 0 : gather.timeout),
    note: "digits submitted",
  };
}

/** No usable input: fall through, unless actionOnEmptyResult asks for the request anyway. */
function empty(gather: GatherVerb, note: string): InputResolution {
  if (gather.actionOnEmptyResult)
    return { kind: "submit", params: { Digits: "" }, seconds: gather.timeout, note: `${note}; actionOnEmptyResult` };
  return { kind: "fallthrough", seconds: gather.timeout, note: `${note}; continues after <Gather>` };
}

/** <Record>: an EMPTY recording makes no request; hanging up after speaking still requests the action. */
export function resolveRecord(record: RecordVerb, input: CallerInput, accountSid: string): InputResolution {
  if ("hangup" in input) return HUNG_UP;
  // Keys or silence leave an empty recording; speech is recorded as long as it takes to say.
  const { seconds: length, endedBy = "silence" } =
    "recording" in input ? input.recording : { seconds: "speech" in input ? speakingSeconds(input.speech) : 0 };
  if (endedBy !== "silence" && endedBy !== "hangup" && !record.finishOnKey.includes(endedBy))
    throw new Error(`key "${endedBy}" does not end this <Record> (finishOnKey="${record.finishOnKey}")`);
  const seconds = Math.min(length, record.maxLength);
  if (seconds <= 0) {
    if (endedBy === "hangup") return HUNG_UP;
    return { kind: "fallthrough", seconds: record.timeout, note: "empty recording; continues after <Record>" };
  }
  const sid = newSid("RE");
  const params: TwilioParams = {
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${sid}`,
    RecordingSid: sid,
    RecordingDuration: String(seconds),
  };
  if (endedBy !== "silence") params.Digits = endedBy;
  const waited = endedBy === "silence" && seconds < record.maxLength ? record.timeout : 0;
  return {
    kind: "submit",
    params,
    seconds: seconds + waited,
    hangupAfter: endedBy === "hangup",
    note: `recorded ${seconds} s`,
  };
}
