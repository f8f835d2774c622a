import { describe, expect, it } from "vitest";
import type { CallEvent } from "../../../scripts/phone/call-emulator.ts";
import type { GatherPrompt } from "../../../scripts/phone/caller-input.ts";
import { measureSpeech, sayingSeconds } from "./speech-budget.ts";

const say = (text: string, inGather: boolean, extra: Partial<CallEvent> = {}): CallEvent =>
  ({ type: "say", text, language: "de-DE", voice: undefined, loop: 1, inGather, ...extra }) as CallEvent;
const gather = (step: string, timeout = 6): CallEvent => ({
  type: "gather",
  prompt: { kind: "gather", action: `http://x/voice/step/${step}?v=1`, timeout, numDigits: 1 } as GatherPrompt,
});
const input = (value: { digits: string } | { silence: true }): CallEvent => ({
  type: "input",
  input: value,
  outcome: "",
});

describe("speech budget", () => {
  it("when a text is said at 90 %, then 13 characters take a second; at 75 % longer, breaks and loops added", () => {
    expect(sayingSeconds("x".repeat(26))).toBeCloseTo(2);
    expect(sayingSeconds("x".repeat(26), 0.75)).toBeCloseTo(2.4);
    expect(sayingSeconds("x".repeat(13), 0.9, 2, 0.5)).toBeCloseTo(3);
  });

  it("when speech comes before a Gather, then it counts as time before the caller can act; inside, only as heard", () => {
    const budget = measureSpeech([
      say("a".repeat(26), false),
      { type: "pause", seconds: 1 },
      say("b".repeat(13), true),
      gather("offer"),
      input({ digits: "1" }),
      say("c".repeat(13), true),
      { type: "pause", seconds: 1, inGather: true },
      gather("confirm"),
      input({ digits: "1" }),
      say("d".repeat(39), false),
    ]);
    expect(budget.choices).toEqual([
      { step: "offer", untilCanAct: 3, untilAllHeard: 4, mustHear: 4 },
      { step: "confirm", untilCanAct: 0, untilAllHeard: 2, mustHear: 2 },
    ]);
    expect(budget.afterLastChoice).toBeCloseTo(3);
    expect(budget.total).toBeCloseTo(9);
    expect(budget.mustHearTotal).toBeCloseTo(9);
  });

  it("when a key is pressed in a menu, then the caller must hear the options only up to that key's sentence", () => {
    const first = "Im Zentrum ist ein Termin frei.";
    const options = "Zum Buchen drücken Sie die 1. Für einen anderen Tag die 2. Für ein anderes Zentrum die 3.";
    const heard = (key: string) =>
      measureSpeech([say(first, true), say(options, true), gather("offer"), input({ digits: key })]).choices[0]!;
    expect(heard("1").mustHear).toBeCloseTo((first.length + "Zum Buchen drücken Sie die 1.".length) / 13);
    expect(heard("2").mustHear).toBeCloseTo(
      (first.length + "Zum Buchen drücken Sie die 1. Für einen anderen Tag die 2.".length) / 13,
    );
    expect(heard("3").mustHear).toBeCloseTo((first.length + options.length) / 13);
    expect(heard("1").untilAllHeard).toBeCloseTo((first.length + options.length) / 13);
  });

  it("when the first German key is offered, then the time counts to the end of that sentence, with silent waits", () => {
    const budget = measureSpeech([
      say("For English, press 4.", true, { language: "en-GB" }),
      gather("welcome", 3),
      input({ silence: true }),
      say("Guten Tag. Wenn Sie einen Code haben, drücken Sie die 1. Sonst die 2.", true),
    ]);
    const english = "For English, press 4.".length / 13;
    const german = "Guten Tag. Wenn Sie einen Code haben, drücken Sie die 1.".length / 13;
    expect(budget.firstGermanChoice).toBeCloseTo(english + 3 + german);
  });
});
