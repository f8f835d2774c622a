import { describe, expect, it } from "vitest";
import { resolveGather, resolveRecord } from "./input-resolution.ts";
import { type GatherVerb, parseTwiml, type RecordVerb } from "./twiml-verbs.ts";

function gather(attrs = ""): GatherVerb {
  const [verb] = parseTwiml(`<Response><Gather ${attrs}/></Response>`);
  if (verb?.verb !== "Gather") throw new Error("not a Gather");
  return verb;
}
function record(attrs = ""): RecordVerb {
  const [verb] = parseTwiml(`<Response><Record ${attrs}/></Response>`);
  if (verb?.verb !== "Record") throw new Error("not a Record");
  return verb;
}

describe("resolveGather", () => {
  it("stops at numDigits and drops the rest", () => {
    expect(resolveGather(gather(`numDigits="2"`), { digits: "1234" })).toMatchObject({
      kind: "submit",
      params: { Digits: "12", FinishedOnKey: "" },
    });
  });

  it("strips the finishOnKey, and a lone finishOnKey counts as no input", () => {
    expect(resolveGather(gather(), { digits: "33330#9" })).toMatchObject({
      kind: "submit",
      params: { Digits: "33330", FinishedOnKey: "#" },
    });
    expect(resolveGather(gather(), { digits: "#" })).toMatchObject({ kind: "fallthrough" });
    expect(resolveGather(gather(`finishOnKey=""`), { digits: "1#" })).toMatchObject({ params: { Digits: "1#" } });
  });

  it("ignores input the Gather does not listen for", () => {
    expect(resolveGather(gather(), { speech: "ja" })).toMatchObject({
      kind: "fallthrough",
      note: expect.stringContaining("speech ignored"),
    });
    expect(resolveGather(gather(`input="speech"`), { digits: "1" })).toMatchObject({ kind: "fallthrough" });
    expect(resolveGather(gather(`input="speech" actionOnEmptyResult="true"`), { digits: "1" })).toMatchObject({
      kind: "submit",
      params: { Digits: "" },
    });
  });

  it("rejects keys a phone does not have and recordings", () => {
    expect(() => resolveGather(gather(), { digits: "12a" })).toThrow(/keys a phone does not have/);
    expect(() => resolveGather(gather(), { recording: { seconds: 3 } })).toThrow(/only answers <Record>/);
  });

  it("waits out the timeout when digits end without a key", () => {
    expect(resolveGather(gather(`timeout="7"`), { digits: "12" })).toMatchObject({ seconds: 9 });
  });
});

describe("resolveRecord", () => {
  it("makes no request for an empty recording", () => {
    expect(resolveRecord(record(), { silence: true }, "AC1")).toMatchObject({ kind: "fallthrough" });
    expect(resolveRecord(record(), { digits: "#" }, "AC1")).toMatchObject({ kind: "fallthrough" });
    expect(resolveRecord(record(), { hangup: true }, "AC1")).toMatchObject({ kind: "hangup" });
  });

  it("reports speech as a recording ended by silence, capped at maxLength", () => {
    const r = resolveRecord(record(`maxLength="2"`), { speech: "eins zwei drei vier fünf sechs sieben acht" }, "AC1");
    expect(r).toMatchObject({ kind: "submit", hangupAfter: false, params: { RecordingDuration: "2" } });
    expect(r.kind === "submit" && "Digits" in r.params).toBe(false);
  });

  it("still submits a recording when the caller hangs up after speaking", () => {
    expect(resolveRecord(record(), { recording: { seconds: 4, endedBy: "hangup" } }, "AC1")).toMatchObject({
      kind: "submit",
      hangupAfter: true,
      params: { Digits: "hangup", RecordingDuration: "4" },
    });
  });

  it("refuses a key outside finishOnKey", () => {
    expect(() => resolveRecord(record(`finishOnKey="#"`), { recording: { seconds: 4, endedBy: "1" } }, "AC1")).toThrow(
      /does not end this <Record>/,
    );
  });
});
