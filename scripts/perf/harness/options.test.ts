import { describe, expect, it } from "vitest";
import { readOptions } from "./options.ts";

const spec = {
  seconds: { default: 10, quick: 2, above: 0 },
  concurrency: { default: 32, min: 16, max: 64, integer: true },
  sweep: "flag" as const,
};

describe("readOptions", () => {
  it("when nothing is given, then every option has its default and --quick is false", () => {
    expect(readOptions(spec, [])).toEqual({
      quick: false,
      seconds: 10,
      concurrency: 32,
      sweep: false,
      positionals: [],
    });
  });

  it("when --quick is given, then options with a quick default take it and the others keep theirs", () => {
    const o = readOptions(spec, ["--quick"]);
    expect([o.quick, o.seconds, o.concurrency]).toEqual([true, 2, 32]);
  });

  it("when a value is given, then it wins over the quick default", () => {
    expect(readOptions(spec, ["--quick", "--seconds", "5", "--sweep"])).toMatchObject({ seconds: 5, sweep: true });
  });

  it("when a value is out of range or not an integer, then the option is refused with its range", () => {
    expect(() => readOptions(spec, ["--concurrency", "8"])).toThrow("--concurrency must be an integer >= 16 and <= 64");
    expect(() => readOptions(spec, ["--concurrency", "20.5"])).toThrow(/--concurrency/);
    expect(() => readOptions(spec, ["--seconds", "0"])).toThrow("--seconds must be a number > 0");
    expect(() => readOptions(spec, ["--seconds", "ten"])).toThrow(/--seconds/);
  });

  it("when an unknown option or a stray argument is given, then it is refused unless positionals are allowed", () => {
    expect(() => readOptions(spec, ["--profile"])).toThrow();
    expect(() => readOptions(spec, ["ledger"])).toThrow();
    expect(readOptions(spec, ["ledger", "main"], true).positionals).toEqual(["ledger", "main"]);
  });
});
