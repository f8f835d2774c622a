import { beforeAll, describe, expect, it } from "vitest";
import type { i18n } from "i18next";
import { createI18n, LANGUAGES } from "../../i18n.ts";
import { memoisedRenderer, renderApology, renderTwiml } from "./render-twiml.ts";
import type { StepOutcome } from "../../call-flow/types.ts";

const sayTags = (xml: string) => [...xml.matchAll(/<Say\b([^>]*)>/g)].map((m) => m[1]!);
const gatherTags = (xml: string) => [...xml.matchAll(/<Gather\b([^>]*)>/g)].map((m) => m[1]!);

describe("rendering TwiML", () => {
  let i18n: i18n;
  beforeAll(async () => {
    i18n = await createI18n();
  });

  it.each([...LANGUAGES])("when a %s caller hears a menu, then every Say and Gather names its language", (lang) => {
    const xml = renderTwiml(
      {
        prompts: [{ say: "common.no_input" }, { pause: 1 }],
        gather: {
          step: "offer",
          speech: true,
          numDigits: 1,
          timeoutSeconds: 6,
          prompts: [
            { say: "offer.options" },
            { say: "welcome.language_hint", params: { key: 2 }, language: "en" },
            { code: "7KQMP2XD9HTA" },
          ],
        },
      },
      lang,
      i18n.t.bind(i18n),
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
    const says = sayTags(xml);
    expect(says).toHaveLength(4);
    for (const attrs of says) expect(attrs).toMatch(/language="[a-zA-Z-]+" voice="Polly\.\w+"/);
    expect(gatherTags(xml)[0]).toContain('action="/voice/step/offer"');
    expect(gatherTags(xml)[0]).toMatch(/language="[a-zA-Z]{2}-[A-Z]{2}"/);
    expect(gatherTags(xml)[0]).toContain('input="dtmf speech"');
    expect(xml).toContain("7, 5, 7.");
    expect(xml).not.toMatch(/\{\{|undefined|null/);
  });

  it("when a booking code is read, then as keypad digits in four slow groups of three, German saying zwo for 2", () => {
    // 7KQM-P2XD-9HTA on the keypad: 757 672 939 482.
    for (const code of ["7KQMP2XD9HTA", "757672939482"]) {
      const xml = renderTwiml({ prompts: [{ code }], hangup: true }, "de", i18n.t.bind(i18n));
      expect(xml).toContain(
        '<Say language="de-DE" voice="Polly.Vicki"><prosody rate="75%">7, 5, 7.</prosody><break time="500ms"/>' +
          '<prosody rate="75%">6, 7, zwo.</prosody><break time="500ms"/><prosody rate="75%">9, 3, 9.</prosody>' +
          '<break time="500ms"/><prosody rate="75%">4, 8, zwo.</prosody></Say>',
      );
    }
    const english = renderTwiml({ prompts: [{ code: "7KQMP2XD9HTA" }], hangup: true }, "en", i18n.t.bind(i18n));
    expect(english).toContain("6, 7, 2.");
    expect(english).not.toMatch(/[A-Z]\./);
  });

  it("when a German caller is greeted, then the Say is de-DE and spoken slowly", () => {
    const xml = renderTwiml({ prompts: [{ say: "welcome.greeting" }], hangup: true }, "de", i18n.t.bind(i18n));
    expect(xml).toContain('<Say language="de-DE" voice="Polly.Vicki"><prosody rate="90%">Guten Tag,');
    expect(xml).toContain("<Hangup/>");
  });

  it("when a menu takes speech, then its Gather lets speech stop the prompts (barge-in); a keys-only one needs no attribute", () => {
    const gather = (speech: boolean) =>
      gatherTags(
        renderTwiml(
          {
            prompts: [],
            gather: { step: "offer", speech, numDigits: 1, timeoutSeconds: 6, prompts: [{ say: "offer.options" }] },
          },
          "de",
          i18n.t.bind(i18n),
        ),
      )[0]!;
    expect(gather(true)).toContain('bargeIn="true"');
    expect(gather(false)).not.toContain("bargeIn");
    expect(gather(false)).toContain('input="dtmf"');
  });

  it("when the caller asked twice for a repeat, then prompts and the code are spoken more slowly", () => {
    const outcome = {
      prompts: [{ say: "booked.code_intro" }, { code: "7KQMP2XD9HTA" }],
      hangup: true,
    } satisfies StepOutcome;
    const normal = renderTwiml(outcome, "de", i18n.t.bind(i18n));
    const slow = renderTwiml({ ...outcome, slow: true }, "de", i18n.t.bind(i18n));
    expect(normal).toContain('<prosody rate="90%">Bitte notieren');
    expect(normal).toContain('<prosody rate="75%">7, 5, 7.');
    expect(slow).toContain('<prosody rate="75%">Bitte notieren');
    expect(slow).toContain('<prosody rate="65%">7, 5, 7.');
  });

  it("when a step must record the name, then Record carries the action and a redirect follows for silence", () => {
    const xml = renderTwiml(
      { prompts: [], record: { step: "name", maxLengthSeconds: 8, prompts: [{ say: "name.ask" }] } },
      "de",
      i18n.t.bind(i18n),
    );
    expect(xml).toMatch(
      /<Record action="\/voice\/step\/name" method="POST" maxLength="8" finishOnKey="#" playBeep="true" timeout="4"\/><Redirect method="POST">\/voice\/step\/name<\/Redirect>/,
    );
  });

  it("when something failed, then the apology is valid TwiML in the caller's language with a way on", () => {
    const apology = renderApology("de", i18n.t.bind(i18n), "/voice/fallback");
    expect(apology).toContain("technisches Problem");
    expect(sayTags(apology)[0]).toContain('language="de-DE"');
    expect(apology).toContain('<Redirect method="POST">/voice/fallback</Redirect>');
  });

  it("when a caller is put into the queue or leaves it, then Enqueue names the wait URL and Leave ends the wait", () => {
    const enqueue = renderTwiml(
      { prompts: [{ say: "queue.joining" }], enqueue: { queue: "agents" } },
      "de",
      i18n.t.bind(i18n),
    );
    expect(enqueue).toContain(
      '<Enqueue action="/voice/queue/left" method="POST" waitUrl="/voice/queue/wait" waitUrlMethod="POST">agents</Enqueue>',
    );
    expect(renderTwiml({ prompts: [], leave: true }, "de", i18n.t.bind(i18n))).toContain("<Leave/>");
  });

  it("when the same fixed menu is answered again, then the remembered TwiML is identical and nothing is translated twice", () => {
    const { t: counting, lookups: count } = countingT(i18n);
    const render = memoisedRenderer(counting);
    const menu: StepOutcome = {
      prompts: [{ say: "common.no_input" }],
      gather: {
        step: "birth-year",
        speech: true,
        numDigits: 4,
        timeoutSeconds: 6,
        prompts: [{ say: "birth_year.ask" }],
      },
    };
    const first = render(menu, "de");
    const afterFirst = count();
    expect(render(structuredClone(menu), "de")).toBe(first);
    expect(count()).toBe(afterFirst);
    expect(first).toBe(renderTwiml(menu, "de", i18n.t.bind(i18n)));
    // Another language is another answer.
    expect(render(menu, "en")).not.toBe(first);
    expect(count()).toBeGreaterThan(afterFirst);
  });

  it("when the same menu is saved as different session versions, then its URLs name each version and one remembered entry serves all", () => {
    const { t: counting, lookups: count } = countingT(i18n);
    const render = memoisedRenderer(counting);
    const menu: StepOutcome = {
      prompts: [],
      gather: { step: "postcode", speech: true, numDigits: 5, timeoutSeconds: 8, prompts: [{ say: "postcode.ask" }] },
    };
    const v7 = render(menu, "de", 7);
    const afterFirst = count();
    expect(v7).toBe(renderTwiml(menu, "de", i18n.t.bind(i18n), 7));
    expect(v7).toContain('action="/voice/step/postcode?v=7"');
    expect(v7).toContain('<Redirect method="POST">/voice/step/postcode?v=7</Redirect>');
    const v8 = render(menu, "de", 8);
    expect(v8).toBe(v7.replaceAll("?v=7", "?v=8"));
    expect(count()).toBe(afterFirst);
    expect(render(menu, "de")).toBe(renderTwiml(menu, "de", i18n.t.bind(i18n)));
  });

  it("when answers differ in their details, then each gets its own TwiML, codes are never kept, and the oldest entry makes room", () => {
    const { t: counting, lookups: count } = countingT(i18n);
    const render = memoisedRenderer(counting, 1);
    const spoken = (postcode: string): StepOutcome => ({
      prompts: [{ say: "postcode.unknown", params: { postcode } }],
      hangup: true,
    });
    expect(render(spoken("3 3 3 3 0"), "de")).toContain("3 3 3 3 0");
    expect(render(spoken("4 4 1 3 5"), "de")).toContain("4 4 1 3 5");
    expect(count()).toBe(2);
    render(spoken("4 4 1 3 5"), "de"); // remembered
    expect(count()).toBe(2);
    render(spoken("3 3 3 3 0"), "de"); // made room for the other one: built again
    expect(count()).toBe(3);
    const code: StepOutcome = { prompts: [{ say: "booked.code_intro" }, { code: "7KQMP2XD9HTA" }], hangup: true };
    expect(render(code, "de")).toContain("7, 5, 7.");
    render(code, "de");
    expect(count()).toBe(5);
  });
});

/** i18next's t, counting its calls: a remembered answer translates nothing. */
function countingT(i18n: i18n): { t: i18n["t"]; lookups: () => number } {
  let lookups = 0;
  const t = ((...args: Parameters<i18n["t"]>) => {
    lookups++;
    return i18n.t(...args);
  }) as i18n["t"];
  return { t, lookups: () => lookups };
}
