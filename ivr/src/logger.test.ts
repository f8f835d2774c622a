import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) };
}

describe("the logger", () => {
  it("when personal data or a refused value would be logged, then it is redacted", () => {
    const { lines, stream } = capture();
    const real = createLogger("info", stream);
    real.info(
      {
        phone: "+4915112345678",
        call: { From: "+4952411234567", SpeechResult: "drei drei" },
        person: { name: "Käthe Müller" },
      },
      "booked",
    );
    real.error(
      {
        err: Object.assign(new Error('value "4990012345678" is out of range for +4915112345678'), {
          meta: { secret: "x" },
          code: "P2010",
        }),
      },
      "failed",
    );
    const text = lines.join("");
    expect(text).not.toMatch(/4915112345678|4952411234567|drei drei|Käthe|4990012345678|secret/);
    expect(text).toContain('"code":"P2010"');
    expect(text).toContain('"type":"Error"');
  });
});
