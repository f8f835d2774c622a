// How long a person answering one of the hotline's automated calls listens before they can act:
// for the invitation, reminder, standby and supply-move calls in all six languages, the speech
// from the first word to the end of the sentence that asks for the first keys (day and month of
// birth), and then, once the birth date matched, to the end of the sentence that offers the 1.
// Measured like the inbound menu's budget (support/speech-budget.ts, 13 characters a second at
// 90 %; these calls speak at 75 % from their first word, so each character takes 1.2 times as
// long). Target: the birth-date question, and then the 1, each within 20 s. The table is printed, and
// docs/benchmarks.md ("Outbound calls: seconds before the first key") shows it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallEmulator, ScriptedCaller, type CallEvent } from "../../scripts/phone/call-emulator.ts";
import { LANGUAGES } from "../src/contracts/languages.ts";
import { LOCALES_DIR } from "../src/i18n.ts";
import { FakeClock } from "./support/clock.ts";
import { givenOutboundTask, type AutomatedKind } from "./support/outbound-task.ts";
import { givenCentre } from "./support/scenario.ts";
import { measureSpeech, sayingSeconds } from "./support/speech-budget.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

const FIRST_KEY_SECONDS = 20;
const KINDS: AutomatedKind[] = ["invitation", "reminder", "standby", "supply-move"];

const OPTIONS_KEY: Record<AutomatedKind, [string, string]> = {
  invitation: ["invitation", "options"],
  reminder: ["reminder", "options"],
  standby: ["standby", "options"],
  "supply-move": ["supply_move", "options"],
};

/** The first sentence of a prompt in a language: the birth-date question, or the option "1". */
function firstSentence(language: string, [group, key]: [string, string]): string {
  const voice = JSON.parse(readFileSync(join(LOCALES_DIR, language, "voice.json"), "utf8")) as Record<
    string,
    Record<string, string>
  >;
  const text = voice[group]![key]!;
  return text.slice(0, text.indexOf(".") + 1);
}

/** Speech from the call's first word to the end of `sentence` (null if never said). */
function secondsUntil(events: readonly CallEvent[], sentence: string): number | null {
  let seconds = 0;
  for (const e of events) {
    if (e.type === "pause") seconds += e.seconds;
    if (e.type !== "say") continue;
    const at = e.text.indexOf(sentence);
    if (at >= 0) return seconds + sayingSeconds(e.text.slice(0, at + sentence.length), e.rate);
    seconds += sayingSeconds(e.text, e.rate, e.loop, e.breakSeconds ?? 0);
  }
  return null;
}

describe("speech before the first key on the hotline's automated calls", () => {
  let s: TestServices;
  let server: TestServer;
  let n = 0;
  const rows: string[] = [];

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock("2021-01-25T10:00:00+01:00"));
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-01-27" });
    server = await startTestServer(s);
  });
  afterAll(async () => {
    console.log(
      [
        "Outbound calls, seconds of speech (13 characters a second at 90 %):",
        "| call | language | until the birth-date question is asked | identity: all speech before the answer | after it: until the 1 is offered |",
        "| --- | --- | --- | --- | --- |",
        ...rows,
      ].join("\n"),
    );
    await server?.close();
    await s?.dispose();
  });

  it.each(KINDS)(
    "when a person answers the %s call, then the birth-date question and then the 1 each come within 20 s in every language",
    async (kind) => {
      for (const language of LANGUAGES) {
        const taskId = await givenOutboundTask(s, kind, ++n, language);
        const call = new CallEmulator({
          baseUrl: server.url,
          authToken: TEST_AUTH_TOKEN,
          from: "+4930123456",
          direction: "outbound-api",
          incomingPath: `/voice/outbound/answer?task=${taskId}`,
          statusCallback: "/voice/outbound/status",
          answeredBy: "human",
          caller: new ScriptedCaller(["0303", "1"], { whenExhausted: "hangup" }),
        });
        await call.run();
        const budget = measureSpeech(call.events);
        const firstKey = secondsUntil(call.events, firstSentence(language, ["outbound", "ask_birth_date"]));
        const afterIdentity = call.events.slice(call.events.findIndex((e) => e.type === "input") + 1);
        const one = secondsUntil(afterIdentity, firstSentence(language, OPTIONS_KEY[kind]));
        const [identity, menu] = budget.choices;
        const fmt = (n: number | null | undefined) => (n == null ? "–" : n.toFixed(1));
        rows.push(`| ${kind} | ${language} | ${fmt(firstKey)} | ${fmt(identity?.untilAllHeard)} | ${fmt(one)} |`);
        // Soft: every language is measured (and the table complete) before the test fails.
        expect.soft(firstKey, `${kind} in ${language}: the question is asked`).not.toBeNull();
        // The question is asked inside the Gather: a key works from the first word.
        expect.soft(identity?.untilCanAct, `${kind} in ${language}`).toBe(0);
        expect
          .soft(firstKey ?? 99, `${kind} in ${language}: seconds until the question`)
          .toBeLessThanOrEqual(FIRST_KEY_SECONDS);
        expect.soft(menu && one, `${kind} in ${language}: the birth date matched and the options came`).toBeTruthy();
        expect.soft(one ?? 99, `${kind} in ${language}: seconds until the 1`).toBeLessThanOrEqual(FIRST_KEY_SECONDS);
      }
    },
  );
});
