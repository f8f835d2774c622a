import { describe, expect, it } from "vitest";
import { ScriptedCaller, ScriptExpectationError } from "./scripted-caller.ts";
import { describePrompt, parseCallerInput, type GatherPrompt } from "./caller-input.ts";

function prompt(text: string, extra: Partial<GatherPrompt> = {}): GatherPrompt {
  return {
    kind: "gather",
    text,
    input: ["dtmf"],
    numDigits: undefined,
    finishOnKey: "#",
    timeout: 5,
    language: undefined,
    hints: undefined,
    actionOnEmptyResult: false,
    action: "http://x/a",
    inQueue: false,
    ...extra,
  };
}

describe("parseCallerInput", () => {
  it.each([
    ["2", { digits: "2" }],
    ["1 9 3 8 #", { digits: "1938#" }],
    ["*0#", { digits: "*0#" }],
    ["s:drei drei drei drei null", { speech: "drei drei drei drei null" }],
    ["Ja bitte", { speech: "Ja bitte" }],
    ["", { silence: true }],
    ["silence", { silence: true }],
    ["q", { hangup: true }],
    ["hangup", { hangup: true }],
    ["r:12", { recording: { seconds: 12, endedBy: "silence" } }],
    ["r:5#", { recording: { seconds: 5, endedBy: "#" } }],
  ])("reads %j", (line, input) => {
    expect(parseCallerInput(line)).toEqual(input);
  });

  it("rejects lines that are neither keys nor words", () => {
    expect(() => parseCallerInput("12-34")).toThrow(/Cannot read "12-34"/);
  });
});

describe("ScriptedCaller", () => {
  it("answers in order and checks expectations first", async () => {
    const caller = new ScriptedCaller([
      "2",
      { expect: /Geburtsjahr/ },
      "1938",
      { expect: "PLZ", answer: { speech: "drei drei" } },
      "hangup",
    ]);
    expect(await caller.answer(prompt("Menü"))).toEqual({ digits: "2" });
    expect(await caller.answer(prompt("Ihr Geburtsjahr bitte"))).toEqual({ digits: "1938" });
    expect(await caller.answer(prompt("Ihre PLZ"))).toEqual({ speech: "drei drei" });
    expect(caller.remaining).toBe(1);
    expect(() => caller.assertFinished()).toThrow(/1 unused step/);
    expect(await caller.answer(prompt("Noch etwas?"))).toEqual({ hangup: true });
    caller.assertFinished();
  });

  it("throws a clear error showing the prompt when an expectation fails", async () => {
    const caller = new ScriptedCaller(["1", { expect: /Postleitzahl/ }, "33330"]);
    await caller.answer(prompt("Menü"));
    const error = await caller.answer(prompt("Bitte nennen Sie Ihr Geburtsjahr.")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptExpectationError);
    expect((error as Error).message).toMatch(
      /expected the prompt to match \/Postleitzahl\/.*\n {2}"Bitte nennen Sie Ihr Geburtsjahr\."/,
    );
  });

  it("throws or hangs up when the script runs out", async () => {
    await expect(new ScriptedCaller([]).answer(prompt("Hallo?"))).rejects.toThrow(
      /script ran out after 0 step\(s\); the caller now hears:\n {2}"Hallo\?"/,
    );
    expect(await new ScriptedCaller([], { whenExhausted: "hangup" }).answer(prompt("Hallo?"))).toEqual({
      hangup: true,
    });
  });

  it("rejects a malformed script before the call", () => {
    expect(() => new ScriptedCaller(["1", "12-3"])).toThrow(/Cannot read/);
  });
});

describe("describePrompt", () => {
  it("says what the caller may do", () => {
    expect(describePrompt(prompt("x", { numDigits: 5, input: ["dtmf", "speech"], language: "de-DE" }))).toBe(
      "⌨ 5 digits, or speak (de-DE) – 5 s timeout",
    );
    expect(describePrompt(prompt("x"))).toBe("⌨ digits, end with # – 5 s timeout");
  });
});
