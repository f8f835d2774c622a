import { describe, expect, it } from "vitest";
import { describeFailure, formatEvent } from "./terminal-format.ts";
import { WebhookError } from "./webhook-client.ts";

describe("terminal phone output", () => {
  it("shows Says with their language and hides requests", () => {
    expect(
      formatEvent(
        { type: "say", text: "Hallo", language: "de-DE", voice: undefined, loop: 1, inGather: false, breakSeconds: 0 },
        true,
      ),
    ).toBe("🔊 [de-DE] Hallo");
    expect(
      formatEvent(
        { type: "say", text: "Hi", language: undefined, voice: undefined, loop: 2, inGather: true, breakSeconds: 0 },
        true,
      ),
    ).toBe("🔊 [en-US] Hi (×2)");
    const request = {
      type: "request",
      method: "POST",
      url: "http://x/voice/incoming",
      params: {},
      status: 200,
      ms: 4,
    } as const;
    expect(formatEvent(request, true)).toBeUndefined();
  });

  it("explains failures in one line, without a stack", () => {
    const unreachable = new WebhookError(
      "POST http://localhost:3000/voice/incoming failed: fetch failed",
      "unreachable",
    );
    expect(describeFailure(unreachable)).toBe(
      "✗ Kein Server unter http://localhost:3000 erreichbar – läuft `npm start`?",
    );
    const forbidden = new WebhookError("POST http://x/voice/incoming answered HTTP 403: nope", "http", 403);
    expect(describeFailure(forbidden)).toMatch(/HTTP 403: nope\n {2}Signatur abgelehnt\?/);
    expect(describeFailure(new Error("kaputt"))).toBe("✗ kaputt");
  });
});
