// The booking-code steps as (state, input) → outcome, through the machine and on the ledger
// (PGlite, and PostgreSQL when DATABASE_URL is set): code entry typed or spoken as digits, the
// birth date before anything is said, the code menu's keys and words, cancelling, rebooking
// with the same code, and the search for a lost code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallerInput, CallState, StepName } from "../src/call-flow/types.ts";
import { generateBookingCode, keypadGroups } from "../src/domain/ledger/booking-code.ts";
import { addDays, berlinDate } from "../src/domain/time/berlin.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { keys, next, said, silence, speech, spoken, stepFlow, type StepFlow } from "./support/step-flow.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const LANDLINE = "+4952419876543";
const DIGIT_WORDS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
const TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];
/** "757" → "siebenhundertsiebenundfünfzig" (keypad digits are 2-9: no zeros, no teens). */
const groupWord = (g: string) => `${DIGIT_WORDS[+g[0]!]}hundert${DIGIT_WORDS[+g[2]!]}und${TENS[+g[1]!]}`;

describe.each(DB_KINDS)("booking-code steps on %s", (kind) => {
  let s: TestServices;
  let f: StepFlow;
  let people = 600;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(40, { perSlot: 4 });
    // Later days, for rebooking ("another date" starts the day after the booked one).
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4, { day: addDays(berlinDate(clock.now()), 4) });
    void centre;
    f = await stepFlow(s);
  });
  afterAll(async () => {
    await s?.dispose();
  });

  /** A fresh active booking: person n, born 3 March 1938 unless told, postcode 33330. */
  async function booking(over: Record<string, unknown> = {}) {
    const n = ++people;
    const centre = givenCentre(s, "Kreis Gütersloh").centre;
    const [pair] = await s.ledger.freePairs(centre.id, { limit: 1 });
    const who = person(n, over);
    const { code, bookingId } = await s.ledger.book({ firstSlotId: pair!.firstSlotId, person: who, channel: "agent" });
    const { keypadCode: keypad } = await s.ledger.lookup(code);
    return { code, keypad, bookingId, person: who };
  }

  const handle = (state: CallState, input: CallerInput, step: StepName = state.step) =>
    f.flow.handle(state, step, input);

  describe("code-entry", () => {
    it.each([
      { given: "the keypad digits typed", input: (k: string) => keys(k) },
      {
        given: "the digits said one by one",
        input: (k: string) => speech([...k].map((d) => DIGIT_WORDS[+d]).join(" ")),
      },
      {
        given: "the groups of three said as numbers",
        input: (k: string) => speech(`mein Code ist ${keypadGroups(k).map(groupWord).join(" ")}`),
      },
      { given: "the groups as the speech engine writes them", input: (k: string) => speech(keypadGroups(k).join(" ")) },
    ])(
      "when a caller gives $given, then the birth date is asked and nothing about the booking is said",
      async ({ input }) => {
        const { code, keypad } = await booking();
        const state = f.callAt("code-entry", LANDLINE);
        const outcome = await handle(state, input(keypad));
        expect(next(outcome)).toBe("code-verify");
        expect(said(outcome)).toEqual(["code.verify_ask"]);
        expect(state.codeCandidate).toBe(code);
        expect(state.lookedUpCode).toBeUndefined();
      },
    );

    it("when the written code is spelled and heard exactly, then it is found too; letters heard wrong ask for digits", async () => {
      const { code } = await booking();
      const state = f.callAt("code-entry", LANDLINE);
      expect(next(await handle(state, speech(code.split("").join(" "))))).toBe("code-verify");
      expect(state.codeCandidate).toBe(code);
      // One letter misheard (the check character no longer agrees): no lookup, a clear request.
      const misheard = code.slice(0, 11) + (code[11] === "A" ? "B" : "A");
      const again = f.callAt("code-entry", LANDLINE);
      expect(said(await handle(again, speech(misheard.split("").join(" "))))).toEqual(["code.say_digits", "code.ask"]);
    });

    it.each([
      { given: "eleven digits", input: () => keys("75767293948"), says: "code.digit_count" },
      {
        given: "a mistyped digit",
        input: (k: string) => keys(k.slice(0, 5) + (k[5] === "9" ? "8" : "9") + k.slice(6)),
        says: "code.invalid",
      },
      { given: "a valid code nobody has", input: () => keys(generateBookingCode().keypad), says: "code.unknown" },
      { given: "something else", input: () => speech("hallo wer ist da"), says: "code.not_understood" },
    ])(
      "when a caller gives $given, then $says and the code is asked again; twice, and a person is offered",
      async ({ input, says }) => {
        const { keypad } = await booking();
        const state = f.callAt("code-entry", LANDLINE);
        const first = await handle(state, input(keypad));
        expect(said(first)).toEqual([says, "code.ask"]);
        expect(next(first)).toBe("code-entry");
        const second = await handle(state, input(keypad));
        expect(state.path).toContain("operator");
        expect(next(second)).toBe("callback-offer"); // nobody signed in: the callback offer
        expect(state.codeCandidate).toBeUndefined();
      },
    );

    it("when eleven digits are given, then the caller hears how many were understood", async () => {
      const outcome = await handle(
        f.callAt("code-entry", LANDLINE),
        speech("sieben fünf sieben sechs sieben zwo neun drei neun vier acht"),
      );
      expect(spoken(outcome, f.i18n)).toMatch(/^Ich habe 11 von zwölf Ziffern verstanden\./);
    });

    it.each([
      { given: "1 and the hash key", input: keys("1") },
      { given: "that the code is lost", input: speech("Ich habe den Code verloren") },
      { given: "eins", input: speech("eins") },
    ])("when a caller gives $given, then the search by birth date, postcode and phone begins", async ({ input }) => {
      const outcome = await handle(f.callAt("code-entry", LANDLINE), input);
      expect(next(outcome)).toBe("code-lost-birth-date");
      expect(said(outcome)).toEqual(["code_lost.intro", "code_lost.ask_birth_date"]);
    });

    it("when the code's booking was cancelled, then that is said and the main menu follows", async () => {
      const { code, keypad } = await booking();
      await s.ledger.cancel(code, "agent");
      const outcome = await handle(f.callAt("code-entry", LANDLINE), keys(keypad));
      expect(said(outcome)).toEqual(["code.cancelled", "main_menu.options"]);
      expect(next(outcome)).toBe("main-menu");
    });
  });

  describe("code-verify", () => {
    it.each([
      { given: "typed as DDMMYYYY", input: keys("03031938") },
      { given: "spoken", input: speech("dritter März neunzehnhundertachtunddreißig") },
    ])(
      "when the birth date matches ($given), then the appointments are read and the code menu follows",
      async ({ input }) => {
        const { code } = await booking();
        const state = f.callAt("code-verify", LANDLINE, { codeCandidate: code });
        const outcome = await handle(state, input);
        expect(next(outcome)).toBe("code-menu");
        expect(said(outcome)).toEqual(["code.appointments", "code.options"]);
        expect(spoken(outcome, f.i18n)).toMatch(
          /Ihre Termine im Impfzentrum Gütersloh: die erste Impfung am Dienstag, dem 26\. Januar/,
        );
        expect(state.lookedUpCode).toBe(code);
        expect(state.codeCandidate).toBeUndefined();
      },
    );

    it.each([
      { given: "a wrong birth date", input: keys("04031938"), first: "code.verify_wrong" },
      { given: "something that is no date", input: speech("keine Ahnung"), first: "code.date_unclear" },
      { given: "silence", input: silence, first: "common.no_input" },
    ])(
      "when the caller gives $given twice, then nothing about the booking is said and a person is offered",
      async ({ input, first }) => {
        const { code } = await booking();
        const state = f.callAt("code-verify", LANDLINE, { codeCandidate: code });
        const once = await handle(state, input);
        expect(said(once)).toEqual([first, "code.verify_ask"]);
        const twice = await handle(state, input);
        if (input !== silence) expect(said(twice)[0]).toBe("code.verify_failed");
        expect(state.path).toContain("operator");
        expect(state.operatorReason).toBe(input === silence ? "no-input" : "identity-not-confirmed");
        expect(state.lookedUpCode).toBeUndefined();
        for (const outcome of [once, twice]) {
          expect(said(outcome)).not.toContain("code.appointments");
          expect(spoken(outcome, f.i18n)).not.toMatch(/Januar|Februar|Gütersloh/);
        }
        // The code menu and the cancellation refuse a booking whose birth date was not given.
        const menu = await handle(state, keys("2"), "code-menu");
        expect(next(menu)).toBe("code-entry");
        const cancel = await handle(state, keys("1"), "cancel-confirm");
        expect(next(cancel)).toBe("code-entry");
        expect((await s.ledger.lookup(code)).status).toBe("active");
      },
    );
  });

  describe("code-menu", () => {
    it.each([
      { answer: "1", input: keys("1"), to: "offer" },
      { answer: "Termin verschieben", input: speech("Termin verschieben"), to: "offer" },
      { answer: "2", input: keys("2"), to: "cancel-confirm" },
      { answer: "absagen", input: speech("absagen"), to: "cancel-confirm" },
      { answer: "3", input: keys("3"), to: "hangup" },
      { answer: "beenden", input: speech("beenden"), to: "hangup" },
      { answer: "Termine anhören", input: speech("Termine anhören"), to: "code-menu", says: "code.appointments" },
      { answer: "*", input: keys("*"), to: "code-menu", says: "code.appointments" },
      { answer: "nein", input: speech("nein"), to: "code-menu", says: "common.invalid_choice" },
      { answer: "ja", input: speech("ja"), to: "code-menu", says: "common.invalid_choice" },
      { answer: "4", input: keys("4"), to: "code-menu", says: "common.invalid_choice" },
    ])("when the caller answers $answer, then $to", async ({ input, to, says }) => {
      const { code } = await booking();
      const state = f.callAt("code-menu", LANDLINE, { lookedUpCode: code });
      const outcome = await handle(state, input);
      expect(next(outcome)).toBe(to);
      if (says) expect(said(outcome)[0]).toBe(says);
      if (to === "offer") expect(state.rebookCode).toBe(code);
      if (to === "hangup") expect(said(outcome)).toContain("common.goodbye");
    });

    it("when the caller says nothing twice after hearing the appointments, then goodbye", async () => {
      const { code } = await booking();
      const state = f.callAt("code-menu", LANDLINE, { lookedUpCode: code });
      await handle(state, silence);
      expect(next(await handle(state, silence))).toBe("hangup");
    });
  });

  describe("cancel-confirm", () => {
    it.each([
      { answer: "1", input: keys("1"), cancelled: true },
      { answer: "ja", input: speech("ja"), cancelled: true },
      { answer: "ja, absagen", input: speech("ja, absagen"), cancelled: true },
      { answer: "2", input: keys("2"), cancelled: false },
      { answer: "nein, behalten", input: speech("nein, behalten"), cancelled: false },
    ])("when a verified caller answers $answer, then cancelled: $cancelled", async ({ input, cancelled }) => {
      const { code } = await booking();
      const state = f.callAt("cancel-confirm", LANDLINE, { lookedUpCode: code });
      const outcome = await handle(state, input);
      expect((await s.ledger.lookup(code)).status).toBe(cancelled ? "cancelled" : "active");
      expect(next(outcome)).toBe(cancelled ? "hangup" : "code-menu");
      if (cancelled) expect(said(outcome)).toEqual(["cancel.done", "common.goodbye"]);
    });
  });

  it("when a verified caller rebooks, then the booking keeps its code and the caller is told so", async () => {
    const { code, keypad, bookingId } = await booking();
    const before = await s.ledger.lookup(code);
    const state = f.callAt("code-menu", LANDLINE, { lookedUpCode: code });
    expect(next(await handle(state, keys("1")))).toBe("offer");
    expect(next(await handle(state, keys("1")))).toBe("confirm");
    const done = await handle(state, keys("1"));
    expect(next(done)).toBe("booked");
    const heard = said(done);
    // After the news (and what to know to come), the code: kept, read twice.
    expect(heard[0]).toBe("booked.done");
    expect(heard.slice(heard.indexOf("booked.code_kept"))).toEqual([
      "booked.code_kept",
      `code:${code}`,
      "booked.code_again",
      `code:${code}`,
      "booked.options",
    ]);
    const after = await s.ledger.lookup(keypad);
    expect(after).toMatchObject({ id: bookingId, code, status: "active" });
    expect(after.firstStartsAt.getTime()).toBeGreaterThan(before.firstStartsAt.getTime());
    const events = await s.db.prisma.bookingEvent.findMany({ where: { bookingId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.channel, e.previousFirstSlotId])).toEqual([
      ["booked", "agent", null],
      ["rebooked", "phone", before.firstSlotId],
    ]);
    // The code the caller wrote down still opens the booking, not "abgesagt".
    const later = f.callAt("code-entry", LANDLINE);
    expect(next(await handle(later, keys(keypad)))).toBe("code-verify");
  });

  describe("a lost code", () => {
    let birthDay = 0;
    /** A booking with its own birth date, so that only it matches. */
    async function lostBooking(phone: string) {
      const birthDate = `1931-01-${String(++birthDay).padStart(2, "0")}`;
      return { ...(await booking({ phone, birthDate })), birthDate };
    }
    const ddmmyyyy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);

    it.each([
      { given: "typed", input: (iso: string) => keys(ddmmyyyy(iso)) },
      { given: "spoken", input: () => speech("zweiter Januar einunddreißig") },
    ])("when the birth date is $given, then the postcode is asked", async ({ input }) => {
      const state = f.callAt("code-lost-birth-date", LANDLINE);
      const outcome = await handle(state, input("1931-01-02"));
      expect(next(outcome)).toBe("code-lost-postcode");
      expect(state.lostCode).toEqual({ birthDate: "1931-01-02" });
    });

    it.each([
      {
        given: "rings from the landline on file",
        onFile: "+4952411110001",
        from: "+4952411110001",
        read: true,
        sms: false,
      },
      {
        given: "rings from the mobile on file",
        onFile: "+4915111110002",
        from: "+4915111110002",
        read: true,
        sms: true,
      },
    ])("when a caller who lost the code $given, then birth date and postcode find it at once", async (row) => {
      const { code, keypad, birthDate } = await lostBooking(row.onFile);
      const sent = f.sms.outbox.length;
      const state = f.callAt("code-lost-postcode", row.from, { lostCode: { birthDate } });
      const outcome = await handle(state, keys("33330"));
      expect(next(outcome)).toBe("code-lost-found");
      expect(said(outcome)).toEqual([
        "code_lost.found",
        "code_lost.code_intro",
        `code:${code}`,
        "code_lost.code_again",
        `code:${code}`,
        ...(row.sms ? ["code_lost.sms_also"] : []),
        "code_lost.options_read",
      ]);
      const messages = f.sms.outbox.slice(sent);
      expect(messages.map((m) => m.to)).toEqual(row.sms ? [row.onFile] : []);
      if (row.sms) expect(messages[0]!.body).toContain(`am Telefon: ${keypadGroups(keypad).join(" ")}`);
      // 1: on to the appointments, no second birth-date question.
      const menu = await handle(state, keys("1"));
      expect(next(menu)).toBe("code-menu");
      expect(said(menu)).toEqual(["code.appointments", "code.options"]);
    });

    it.each([
      { given: "another caller ID", from: "+4952412220000" },
      { given: "a withheld number", from: null },
    ])("when the caller has $given, then the phone number on file is asked for", async ({ from }) => {
      const { birthDate } = await lostBooking("+4952411110003");
      const state = f.callAt("code-lost-postcode", from, { lostCode: { birthDate } });
      const outcome = await handle(state, speech("drei drei drei drei null"));
      expect(next(outcome)).toBe("code-lost-phone");
      expect(said(outcome)).toEqual([...(from ? ["code_lost.not_with_caller_id"] : []), "code_lost.ask_phone"]);
      expect(state.lostCode?.postcode).toBe("33330");
    });

    it("when the landline on file is typed, then the code is read out; no SMS can reach a landline", async () => {
      const { code, birthDate } = await lostBooking("+4952411110004");
      const sent = f.sms.outbox.length;
      const state = f.callAt("code-lost-phone", null, { lostCode: { birthDate, postcode: "33330" } });
      const outcome = await handle(state, keys("052411110004"));
      expect(said(outcome)).toContain(`code:${code}`);
      expect(f.sms.outbox.length).toBe(sent);
    });

    it("when a typed number finds a booking with a mobile on file, then the code goes only by SMS, and typed back it needs no second birth date", async () => {
      const { code, keypad, birthDate } = await lostBooking("+4915111110005");
      const sent = f.sms.outbox.length;
      const state = f.callAt("code-lost-phone", LANDLINE, { lostCode: { birthDate, postcode: "33330" } });
      const outcome = await handle(state, speech("null eins fünf eins eins eins eins eins null null null fünf"));
      expect(next(outcome)).toBe("code-lost-found");
      expect(said(outcome)).toEqual(["code_lost.found", "code_lost.sms_sent", "code_lost.options_sms"]);
      expect(spoken(outcome, f.i18n)).toMatch(/per SMS an die Nummer, die auf 0 0 0 5 endet/);
      expect(said(outcome).some((k) => k.startsWith("code:"))).toBe(false);
      const [message, ...more] = f.sms.outbox.slice(sent);
      expect(more).toHaveLength(0);
      expect(message!.to).toBe("+4915111110005");
      expect(message!.body).toMatch(
        new RegExp(
          `^Ihr Buchungscode: ${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}, am Telefon: ${keypadGroups(keypad).join(" ")}\\.`,
        ),
      );
      const entry = await handle(state, keys("1"));
      expect(next(entry)).toBe("code-entry");
      const menu = await handle(state, keys(keypad));
      expect(next(menu)).toBe("code-menu");
      expect(said(menu)).toEqual(["code.appointments", "code.options"]);
    });

    it.each([
      { key: "1", answer: keys("1"), to: "callback-offer", operator: true },
      { key: "2", answer: keys("2"), to: "code-lost-birth-date", operator: false },
      { key: "3", answer: keys("3"), to: "hangup", operator: false },
    ])("when nothing is found, then that is said plainly; $key leads to $to", async ({ answer, to, operator }) => {
      const { birthDate } = await lostBooking("+4952411110006");
      const state = f.callAt("code-lost-phone", null, { lostCode: { birthDate, postcode: "33330" } });
      const none = await handle(state, keys("052411119999"));
      expect(next(none)).toBe("code-lost-none");
      expect(said(none)).toEqual(["code_lost.none", "code_lost.none_options"]);
      const after = await handle(state, answer);
      expect(next(after)).toBe(to);
      expect(state.path.includes("operator")).toBe(operator);
      if (operator) expect(state.operatorReason).toBe("code-not-found");
    });

    it("when the postcode differs, then nothing is found either", async () => {
      const { birthDate } = await lostBooking("+4952411110007");
      const state = f.callAt("code-lost-phone", null, { lostCode: { birthDate, postcode: "33332" } });
      expect(next(await handle(state, keys("052411110007")))).toBe("code-lost-none");
    });

    it("when the phone number is not understood, then it is asked again", async () => {
      const state = f.callAt("code-lost-phone", null, { lostCode: { birthDate: "1931-01-01", postcode: "33330" } });
      expect(said(await handle(state, keys("1234")))).toEqual(["code_lost.phone_unclear", "code_lost.ask_phone"]);
    });
  });
});
