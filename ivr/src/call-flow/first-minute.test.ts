// The first minute of a call, step by step without HTTP: German choices first, the other
// languages after them (also when closed), the supervisors' announcement after the first
// choice, keys only where speech is not understood, slower for callers who ask twice to hear
// something again, spoken numbers said back, and a way back from a postcode outside the area.
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Language } from "../contracts/languages.ts";
import type { OperationsSettings } from "../domain/operations-settings.ts";
import { Geography, type District } from "../domain/geo/geography.ts";
import { CallFlow } from "./machine.ts";
import { ALL_STEPS } from "./steps/index.ts";
import type { CallerInput, CallState, FlowDeps, Prompt, StepOutcome } from "./types.ts";

const GUETERSLOH: District = {
  id: 1,
  name: "Kreis Gütersloh",
  kind: "Kreis",
  state: "Nordrhein-Westfalen",
  regierungsbezirk: "Detmold",
  regionId: "kvwl",
  latitude: 51.9,
  longitude: 8.38,
  centre: {
    id: 11,
    districtId: 1,
    name: "Impfzentrum Gütersloh",
    street: "Marienfelder Straße 351",
    postcode: null,
    city: "Gütersloh",
    opensAt: "08:00",
    closesAt: "20:00",
    lanes: 6,
  },
};

const geography = new Geography(
  [{ id: "kvwl", name: "KV Westfalen-Lippe", state: "Nordrhein-Westfalen" }],
  [GUETERSLOH],
  [
    {
      code: "33330",
      districtName: "Kreis Gütersloh",
      state: "Nordrhein-Westfalen",
      places: ["Gütersloh"],
      districtId: 1,
    },
    { code: "80331", districtName: "München", state: "Bayern", places: ["München"], districtId: null },
  ],
);

function flowAt(iso: string | (() => string), announcement: Record<string, string> = {}): CallFlow {
  const now = typeof iso === "string" ? () => iso : iso;
  const settings = {
    hotline: { opensAt: "08:00", closesAt: "22:00" },
    announcement,
  } as unknown as OperationsSettings;
  const deps = {
    ledger: { geography },
    clock: { now: () => new Date(now()) },
    settings: { minAge: 80, holdMusicUrl: "https://example.test/music.mp3" },
    operations: { current: () => settings },
    translate: (key: string) => key,
    logger: pino({ level: "silent" }),
  } as unknown as FlowDeps;
  return new CallFlow(ALL_STEPS, deps);
}

const OPEN = "2021-01-25T09:00:00+01:00";
const CLOSED = "2021-01-25T23:00:00+01:00";
const keys = (digits: string): CallerInput => ({ digits, speech: null, recordingUrl: null });
const speech = (text: string): CallerInput => ({ digits: null, speech: text, recordingUrl: null });
const silence: CallerInput = { digits: null, speech: null, recordingUrl: null };

/** Everything the caller hears, in order, as "key" or "key@language". */
const heard = (outcome: StepOutcome) =>
  [...outcome.prompts, ...(outcome.gather?.prompts ?? []), ...(outcome.record?.prompts ?? [])].map((p: Prompt) =>
    "say" in p ? (p.language ? `${p.say}@${p.language}` : p.say) : Object.keys(p)[0],
  );
const sayOf = (outcome: StepOutcome, key: string) =>
  [...outcome.prompts, ...(outcome.gather?.prompts ?? [])].find((p) => "say" in p && p.say === key) as
    Extract<Prompt, { say: string }> | undefined;

async function call(flow: CallFlow): Promise<{ state: CallState; first: StepOutcome }> {
  const state = flow.newState("CA1", "+4952411234567");
  return { state, first: await flow.start(state) };
}

describe("the first minute of a call", () => {
  it("when the hotline is open, then the greeting, the German choices, and only then the other languages, each in its own", async () => {
    const { first } = await call(flowAt(OPEN));
    expect(first.prompts).toEqual([]);
    expect(first.gather).toMatchObject({ step: "welcome", speech: true, numDigits: 1 });
    expect(heard(first)).toEqual([
      "welcome.greeting",
      "main_menu.options",
      "welcome.keys_hint",
      "welcome.language_hint@en",
      "welcome.language_hint@tr",
      "welcome.language_hint@ru",
      "welcome.language_hint@pl",
      "welcome.language_hint@ar",
    ]);
    const languageKeys = first
      .gather!.prompts.filter((p) => "params" in p && p.params?.key)
      .map((p) => "say" in p && p.params!.key);
    expect(languageKeys).toEqual(["4", "5", "6", "7", "8"]);
  });

  it.each([
    ["2", "birth-year", "de"],
    ["1", "code-entry", "de"],
    ["4", "main-menu", "en"],
    ["5", "main-menu", "tr"],
    ["8", "main-menu", "ar"],
  ] as const)("when the caller presses %s at the greeting, then %s in %s", async (key, step, language) => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    const next = await flow.handle(state, "welcome", keys(key));
    expect(state.step).toBe(step);
    expect(state.language).toBe(language);
    expect(next.gather?.step).toBe(step);
  });

  it("when a German caller says nothing at the greeting, then the German choices once more, without the greeting", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    const next = await flow.handle(state, "welcome", silence);
    expect(state.step).toBe("main-menu");
    expect(heard(next)).toEqual(["main_menu.options"]);
  });

  it("when the hotline is closed, then the callback offer is the German choice and the languages stay", async () => {
    const flow = flowAt(CLOSED);
    const { state, first } = await call(flow);
    expect(heard(first).slice(0, 4)).toEqual(["welcome.greeting", "closed.hours", "callback.offer", "callback.or_end"]);
    expect(heard(first)).toContain("welcome.language_hint@tr");
    // A Turkish caller pressing 5 stays on the line and hears the hours and the offer in Turkish.
    const next = await flow.handle(state, "welcome", keys("5"));
    expect(state.language).toBe("tr");
    expect(heard(next)).toEqual(["welcome.language_chosen", "closed.hours", "callback.offer", "callback.or_end"]);
    expect(next.gather).toMatchObject({ step: "callback-offer", speech: false });
    expect(next.hangup).toBeUndefined();
  });

  it("when the hotline is closed and a German caller presses 1, then the callback number is asked for, no hang-up", async () => {
    const flow = flowAt(CLOSED);
    const { state } = await call(flow);
    const next = await flow.handle(state, "welcome", keys("1"));
    expect(state.callbackReason).toBe("outside-hours");
    expect(next.gather?.step).toBe("callback-number");
  });

  it("when the hotline opens while a caller hears the night's choices, then their 1 still asks for a callback", async () => {
    let at = "2021-01-25T07:59:50+01:00";
    const flow = flowAt(() => at);
    const { state, first } = await call(flow);
    expect(heard(first)).toContain("callback.offer");
    at = "2021-01-25T08:00:05+01:00";
    const next = await flow.handle(state, "welcome", keys("1"));
    expect(next.gather?.step).toBe("callback-number");
  });

  it.each([
    ["2", "de", "Ab morgen impft auch Bielefeld.", undefined],
    ["4", "en", "Bielefeld vaccinates from tomorrow.", undefined],
    ["5", "tr", "Ab morgen impft auch Bielefeld.", "de"],
  ] as const)(
    "when an announcement is active and the first choice is %s, then it follows that choice (in %s), never before it",
    async (key, language, text, voice) => {
      const flow = flowAt(OPEN, { de: "Ab morgen impft auch Bielefeld.", en: "Bielefeld vaccinates from tomorrow." });
      const { state, first } = await call(flow);
      expect(heard(first)).not.toContain("welcome.announcement");
      const next = await flow.handle(state, "welcome", keys(key));
      expect(state.language).toBe(language as Language);
      const news = sayOf(next, "welcome.announcement");
      expect(news?.params).toEqual({ text });
      expect(news?.language).toBe(voice);
      // Once per call.
      const later = await flow.handle(state, state.step, keys("*"));
      expect(sayOf(later, "welcome.announcement")).toBeUndefined();
    },
  );

  it("when the caller speaks another language than German, then menus take keys only and ask for keys", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    await flow.handle(state, "welcome", keys("4"));
    const year = await flow.handle(state, "main-menu", keys("2"));
    expect(year.gather).toMatchObject({ step: "birth-year", speech: false });
    expect(year.gather?.hints).toBeUndefined();
    expect(heard(year)).toEqual(["birth_year.ask_keys"]);
  });

  it("when a caller asks twice to hear something again, then slower and keys only for the rest of the call", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    const asked = await flow.handle(state, "welcome", keys("2"));
    expect(asked.gather?.speech).toBe(true);
    expect(heard(asked)).toEqual(["birth_year.ask"]);
    const once = await flow.handle(state, "birth-year", keys("*"));
    expect(once.slow).toBeUndefined();
    const twice = await flow.handle(state, "birth-year", speech("Wie bitte?"));
    expect(twice.slow).toBe(true);
    expect(twice.gather?.speech).toBe(false);
    expect(heard(twice)).toEqual(["common.slower", "birth_year.ask_keys"]);
    const postcode = await flow.handle(state, "birth-year", keys("1938"));
    expect(postcode).toMatchObject({ slow: true, gather: { step: "postcode", speech: false } });
    expect(heard(postcode)).toEqual(["postcode.ask_keys"]);
  });

  it("when a year is spoken, then it is said back and used only after a yes; a no asks again", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    await flow.handle(state, "welcome", keys("2"));
    const check = await flow.handle(state, "birth-year", speech("neunzehnhundertachtunddreißig"));
    expect(check.gather).toMatchObject({ step: "read-back", speech: true });
    expect(sayOf(check, "read_back.year")?.params).toEqual({ year: "1938" });
    expect(state.birthYear).toBeUndefined();
    const again = await flow.handle(state, "read-back", speech("nein"));
    expect(heard(again)).toEqual(["read_back.again", "birth_year.ask"]);
    await flow.handle(state, "birth-year", speech("neunzehnhundertachtunddreißig"));
    const postcode = await flow.handle(state, "read-back", speech("ja"));
    expect(state.birthYear).toBe(1938);
    expect(postcode.gather?.step).toBe("postcode");
  });

  it("when a year is typed, then it is used at once, without a read-back", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    await flow.handle(state, "welcome", keys("2"));
    const next = await flow.handle(state, "birth-year", keys("1938"));
    expect(next.gather?.step).toBe("postcode");
  });

  it("when a spoken postcode is outside NRW and Hessen, then it is said back, the state and 116117 named, and another may be typed", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    await flow.handle(state, "welcome", keys("2"));
    await flow.handle(state, "birth-year", keys("1938"));
    const check = await flow.handle(state, "postcode", speech("acht null drei drei eins"));
    expect(sayOf(check, "read_back.postcode")?.params).toEqual({ postcode: "8 0 3 3 1" });
    const outside = await flow.handle(state, "read-back", keys("1"));
    expect(outside.gather?.step).toBe("postcode");
    expect(sayOf(outside, "postcode.outside")?.params).toEqual({ postcode: "8 0 3 3 1", state: "Bayern" });
    expect(heard(outside)).toEqual(["postcode.outside", "postcode.ask_again"]);
    // Nothing more to type: asked twice, then goodbye (not a person, not a loop).
    await flow.handle(state, "postcode", silence);
    const end = await flow.handle(state, "postcode", silence);
    expect(end.hangup).toBe(true);
    expect(state.step).toBe("goodbye");
  });

  it("when the caller is under 80, then no promise of a message: when it is their turn is announced publicly", async () => {
    const flow = flowAt(OPEN);
    const { state } = await call(flow);
    await flow.handle(state, "welcome", keys("2"));
    const next = await flow.handle(state, "birth-year", keys("1950"));
    expect(next.gather?.step).toBe("not-eligible");
    expect(heard(next)).toEqual(["not_eligible.explain", "not_eligible.options"]);
  });
});
