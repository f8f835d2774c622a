import { describe, expect, it } from "vitest";
import { renderConference } from "./render-conference.ts";

describe("renderConference", () => {
  it("when a caller is answered, then they join a conference named after their call, which ends when they leave", () => {
    const xml = renderConference("CA0123", "https://example.test/music.mp3");
    expect(xml).toContain("<Dial><Conference");
    expect(xml).toContain('participantLabel="caller"');
    expect(xml).toContain('endConferenceOnExit="true"');
    expect(xml).toContain('startConferenceOnEnter="true"');
    expect(xml).toContain('waitUrl="https://example.test/music.mp3"');
    expect(xml).toContain(">call-CA0123</Conference></Dial>");
  });
});
