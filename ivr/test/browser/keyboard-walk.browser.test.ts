// The keyboard-only minute, in real headless Chromium at 1366×768: a new agent signs in, goes
// "Verfügbar", takes an offered call, books a pair, ends, wraps up and works a callback; a
// supervisor works the Leitstand. Only page.keyboard (Tab, Shift+Tab, Enter, Space, Escape,
// Alt shortcuts) — no clicks, no fill, no focus() — for the person under test; colleagues and
// callers are set up any way. The focus order is asserted stop by stop, so a new control in the
// wrong place, focus lost behind a panel or a shortcut that stops working fails here.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../../src/adapters/telephony/emulated-telephony.ts";
import { conferenceName } from "../../src/domain/agents/call-control.ts";
import { askForAPerson, placeCall } from "../support/phone.ts";
import { givenCentre } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";
import {
  HAS_CHROMIUM,
  openDesk,
  problemsOf,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";

const ENV = {
  AGENT_ACCOUNTS: [
    "nora:Nora Neumann:pw-nora-123",
    "anna:Anna Becker:pw-anna-123",
    "otto:Otto Krause:pw-otto-123",
  ].join(","),
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
};

/**
 * What has the focus, as a keyboard user meets it: its accessible name (aria-label, label,
 * text), "BODY" when focus is lost, "HIDDEN:" or "OFFSCREEN:" in front when it is not to be
 * seen (a script as text: this file is compiled without the DOM's types).
 */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "BODY";
  const name = (el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].innerText) ||
    el.innerText || el.getAttribute("placeholder") || "").replace(/\\s+/g, " ").trim();
  const r = el.getBoundingClientRect();
  const seen = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  return (seen ? "" : "HIDDEN:") + (inView ? "" : "OFFSCREEN:") + (el.tagName === "MAIN" ? "MAIN" : name);
})()`;

describe.skipIf(!HAS_CHROMIUM)("the keyboard-only minute in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(12));
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  const phone = () => server.hotline.telephony as EmulatedTelephony;
  const stateOf = async (who: string) => (await s.db.prisma.agent.findUniqueOrThrow({ where: { id: who } })).state;
  const focused = (page: Page) => page.evaluate<string>(FOCUSED);
  /** Presses `key` once per expected stop and returns where the focus went each time. */
  const stops = async (page: Page, count: number, key = "Tab") => {
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      await page.keyboard.press(key);
      seen.push(await focused(page));
    }
    return seen;
  };
  /** A fresh 1366×768 German browser, signed in with the keyboard alone. */
  const signInByKeyboard = async (who: string) => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(server.url);
    await page.getByLabel("Benutzername").waitFor();
    expect(await focused(page)).toBe("Benutzername");
    await page.keyboard.type(who);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Passwort");
    await page.keyboard.type(`pw-${who}-123`);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Abmelden" }).waitFor();
    return { page, problems };
  };
  const header = ["Zum Inhalt springen", "Arbeitsplatz", "Nacharbeit", "Warteliste"];
  /** From a held pair's heading: "Freigeben", the other pairs on offer (if any), then the person's name. */
  const toTheName = async (page: Page) => {
    expect(await stops(page, 1)).toEqual(["Freigeben"]);
    let next = "";
    for (let i = 0; i < 12 && next !== "Name"; i++) {
      await page.keyboard.press("Tab");
      next = await focused(page);
      if (next !== "Name") expect(next).toMatch(/^Terminpaar ab .* halten$/);
    }
    expect(next).toBe("Name");
  };

  it("when a new agent works with the keyboard only, then they go available, take a call, book once, end, wrap up and work a callback without losing the focus", async () => {
    const { page, problems } = await signInByKeyboard("nora");
    expect(await stateOf("nora")).toBe("offline");

    // The idle desk, from the top: the header, the callbacks, then the booking area.
    expect(await stops(page, 19)).toEqual([
      ...header,
      "Status",
      "English",
      "Abmelden",
      "Nächster Rückruf",
      "Neue Buchung",
      "Buchungscode",
      "Name und Geburtsdatum",
      "Postleitzahl",
      "Ab Datum (TT.MM.JJJJ, optional)",
      "Suchen",
      "Name",
      "Geburtsdatum (TT.MM.JJJJ)",
      "Telefon",
      "Postleitzahl",
      "Verbindlich buchen",
    ]);
    // Back to the status; typing "V" chooses "Verfügbar" (one change, no detour via the breaks).
    expect((await stops(page, 14, "Shift+Tab")).at(-1)).toBe("Status");
    // Arrow keys do not step through the states (each step would be a state change of its own).
    for (const key of ["ArrowDown", "ArrowDown", "ArrowUp", "End"]) await page.keyboard.press(key);
    await page.waitForTimeout(500);
    expect(await stateOf("nora")).toBe("offline");
    await page.keyboard.press("v");
    await expect.poll(() => stateOf("nora")).toBe("available");
    const changes = await s.db.query<{ state: string }>(
      "SELECT state FROM agent_state_change WHERE agent_id = 'nora' ORDER BY id",
    );
    expect(changes.map((c) => c.state)).toEqual(["available"]);

    // A caller asks for a person: the desk rings, Alt+A takes the call; the focus stays put.
    const call = await placeCall(server, askForAPerson());
    const callSid = call.emulator.identity.callSid;
    await page.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    await page.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();
    expect(await focused(page)).toBe("Status");
    // In the call: the controls and the way out come before the booking area; "Nächster
    // Rückruf" is disabled (one conversation at a time) and out of the way; the caller's held
    // pair can be released.
    expect(await stops(page, 17)).toEqual([
      "English",
      "Abmelden",
      "Halten",
      "Stumm",
      "Weiterleiten",
      "Gespräch beenden",
      "Neue Buchung",
      "Buchungscode",
      "Name und Geburtsdatum",
      "Postleitzahl",
      "Ab Datum (TT.MM.JJJJ, optional)",
      "Suchen",
      "Freigeben",
      "Name",
      "Geburtsdatum (TT.MM.JJJJ)",
      "Telefon",
      "Postleitzahl",
    ]);
    // Hold with Enter, resume with Space: the caller hears the music in between.
    expect((await stops(page, 14, "Shift+Tab")).at(-1)).toBe("Halten");
    await page.keyboard.press("Enter");
    await expect.poll(() => phone().conferences.get(conferenceName(callSid))?.get("caller")?.hold).toBe(true);
    expect(await focused(page)).toBe("Fortsetzen");
    await page.keyboard.press("Space");
    await expect.poll(() => phone().conferences.get(conferenceName(callSid))?.get("caller")?.hold).toBe(false);

    // "Weiterleiten" opens the choice of colleague and the focus goes in (nobody is free:
    // only "Abbrechen" can be pressed); Escape closes it and the focus is back on "Weiterleiten".
    expect(await stops(page, 2)).toEqual(["Stumm", "Weiterleiten"]);
    await page.keyboard.press("Enter");
    await page.getByText("Gerade ist niemand verfügbar.").waitFor();
    await expect.poll(() => focused(page)).toBe("Abbrechen");
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toBe("Weiterleiten");
    expect(await page.getByRole("group", { name: "Weiterleiten an" }).count()).toBe(0);

    // The caller's held pair, booked for them: name, birth date, Alt+B — pressed twice, one booking.
    expect((await stops(page, 9)).at(-1)).toBe("Name");
    await page.keyboard.type("Gisela Schmidt");
    await page.keyboard.press("Tab");
    await page.keyboard.type("12.04.1936");
    await page.keyboard.press("Alt+b");
    await page.keyboard.press("Alt+b");
    await page.getByText("Bitte den Buchungscode langsam vorlesen:").waitFor();
    // The result takes the focus (it is read out next), in view.
    await expect.poll(() => focused(page)).toBe("Gebucht für Gisela Schmidt");
    await page.keyboard.press("Alt+b");
    const booked = await s.db.query<{ id: number }>("SELECT id FROM booking WHERE agent_id = 'nora'");
    expect(booked).toHaveLength(1);

    // Shift+Tab back up to "Gespräch beenden"; Enter; the wrap-up takes the focus.
    expect(await stops(page, 4, "Shift+Tab")).toEqual([
      "Name und Geburtsdatum",
      "Buchungscode",
      "Neue Buchung",
      "Gespräch beenden",
    ]);
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    await expect.poll(() => focused(page)).toBe("Nachbearbeitung");
    // The outcomes first: Space chooses "Gebucht"; the chosen outcome is one tab stop.
    expect(await stops(page, 1)).toEqual(["Gebucht"]);
    await page.keyboard.press("Space");
    expect(await stops(page, 3)).toEqual(["Notiz", "Abschließen", "Verlängern"]);
    // Back to the note, then Enter on "Abschließen".
    expect(await stops(page, 2, "Shift+Tab")).toEqual(["Abschließen", "Notiz"]);
    await page.keyboard.type("Tochter bucht für die Mutter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => stateOf("nora")).toBe("available");
    // The panel is gone; the focus is on the page's content, not lost.
    await expect.poll(() => focused(page)).toBe("MAIN");
    const [conversation] = await s.db.query<{ outcome: string; note: string; booking_id: number }>(
      "SELECT outcome, note, booking_id FROM conversation WHERE agent_id = 'nora' AND kind = 'call'",
    );
    expect(conversation).toEqual({
      outcome: "booked",
      note: "Tochter bucht für die Mutter",
      booking_id: booked[0]!.id,
    });

    // A callback comes due: it rings, Alt+A takes it, Tab reaches "Anrufen" first.
    const { request } = await s.callbacks.register({
      phone: "+4952418880123",
      phoneSource: "keyed",
      language: "de",
      reason: "long-wait",
      birthYear: 1934,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    await page.getByRole("alertdialog", { name: "Rückruf fällig" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    await page.getByText(`Rückruf Nr. ${request.id}`).waitFor();
    // While it is worked, Alt+N takes no second one.
    await page.keyboard.press("Alt+n");
    expect(await focused(page)).toBe("MAIN");
    expect(await stops(page, 1)).toEqual(["Anrufen"]);
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "Rückrufe" });
    await panel.getByRole("group", { name: "Gesprächssteuerung" }).waitFor({ timeout: 5_000 });
    // "Anrufen" is disabled after the dial and hands the focus to the callback's heading;
    // Enter again dials nobody.
    await expect.poll(() => focused(page)).toBe(`Rückruf Nr. ${request.id}`);
    await page.keyboard.press("Enter");
    expect(phone().placed.filter((c) => c.to === request.phone)).toHaveLength(1);
    // The callee is on the line: hold works from the callback panel too.
    expect(await stops(page, 3)).toEqual(["Halten", "Stumm", "Weiterleiten"]);
    const calleeSid = phone().placed.find((c) => c.to === request.phone)!.callSid;
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => phone().conferences.get(conferenceName(calleeSid))?.get("caller")?.hold).toBe(true);
    await expect.poll(() => focused(page)).toBe("Fortsetzen");
    await page.keyboard.press("Enter");
    await expect.poll(() => phone().conferences.get(conferenceName(calleeSid))?.get("caller")?.hold).toBe(false);

    // "Später erneut anrufen" with a date and time typed the German way (one tab stop).
    expect(await stops(page, 4)).toEqual([
      "Stumm",
      "Weiterleiten",
      "Notiz",
      "Erneut anrufen am (TT.MM.JJJJ HH:MM, nur für „Später erneut anrufen“)",
    ]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = new Intl.DateTimeFormat("de-DE", {
      timeZone: "Europe/Berlin",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    }).format(tomorrow);
    await page.keyboard.type(`${day} 10:30`);
    expect(await stops(page, 5)).toEqual([
      "Gebucht",
      "Nicht erreicht",
      "Falsche Nummer",
      "Abgelehnt",
      "Später erneut anrufen",
    ]);
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    await expect.poll(() => focused(page)).toBe("Nachbearbeitung");
    expect(await s.callbacks.find(request.id)).toMatchObject({ status: "pending", outcome: "call-again" });
    // The outcome is filled in from the callback's ("Rückruf vereinbart"): Tab, Tab, Enter.
    expect(await stops(page, 3)).toEqual(["Rückruf vereinbart", "Notiz", "Abschließen"]);
    await page.keyboard.press("Enter");
    await expect.poll(() => stateOf("nora")).toBe("available");
    await expect.poll(() => focused(page)).toBe("MAIN");

    // Signing off: up to the status, "A" for "Abgemeldet".
    expect(await stops(page, 3, "Shift+Tab")).toEqual(["Abmelden", "English", "Status"]);
    await page.keyboard.press("a");
    await expect.poll(() => stateOf("nora")).toBe("offline");
    expect(problems).toEqual([]);
  });

  it("when a supervisor works the Leitstand with the keyboard only, then only its own controls are in the way, listening works, and a call offered there is taken with Alt+A", async () => {
    const anna = await openDesk({ browser, server }, "anna");
    const { page, problems } = await signInByKeyboard("leitung");
    expect(await page.title()).toBe("Impftermin-Hotline · Leitstand");
    await page.getByRole("button", { name: "Wallboard" }).waitFor(); // loaded on demand
    // No desk shortcuts advertised here.
    expect(await page.getByRole("contentinfo").count()).toBe(0);
    expect(await stops(page, 12)).toEqual([
      ...header,
      "Leitstand",
      "Konten",
      "Status",
      "English",
      "Abmelden",
      "Wallboard",
      "Steuerung und Protokoll",
      "Einladungen",
    ]);
    // The desk's Alt keys do nothing here and take nothing: a due callback stays unclaimed.
    const { request } = await s.callbacks.register({
      phone: "+4952418880456",
      phoneSource: "keyed",
      language: "de",
      reason: "long-wait",
      birthYear: 1933,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    await page.keyboard.press("Alt+n");
    await page.keyboard.press("Alt+a");
    await page.keyboard.press("Alt+b");
    expect(await s.callbacks.find(request.id)).toMatchObject({ status: "pending", claimedBy: null });
    expect(await focused(page)).toBe("Einladungen");
    // Out of the way of the calls below (a free agent would be rung for it).
    await s.db.query("UPDATE callback_request SET status = 'done' WHERE id = $1", [request.id]);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    expect(await page.getByRole("button", { name: "Steuerung und Protokoll" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    expect(await page.getByRole("button", { name: "Wallboard" }).getAttribute("aria-pressed")).toBe("true");

    // Anna answers a call; the Leitstand lists it; the supervisor listens and leaves by keyboard.
    await anna.getByLabel("Status").selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("anna")).toBe("available");
    const call = await placeCall(server, askForAPerson());
    const callSid = call.emulator.identity.callSid;
    await anna.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await anna.keyboard.press("Alt+a");
    const calls = page.getByRole("region", { name: "Laufende Gespräche" });
    await calls.waitFor({ timeout: 8_000 });
    // Through the wallboard to the calls below it: nothing hidden, nothing left out of view.
    let reached = "";
    for (let i = 0; i < 40 && reached !== "Gespräch von Anna Becker mithören"; i++) {
      await page.keyboard.press("Tab");
      reached = await focused(page);
      expect(reached).not.toMatch(/^(BODY|HIDDEN:|OFFSCREEN:)/);
    }
    expect(reached).toBe("Gespräch von Anna Becker mithören");
    await page.keyboard.press("Enter");
    const leg = () => phone().conferences.get(conferenceName(callSid))?.get("agent-leitung");
    await expect.poll(() => leg()?.muted).toBe(true);
    expect(await stops(page, 3)).toEqual([
      "Anna Becker zuflüstern",
      "Auf das Gespräch von Anna Becker aufschalten",
      "Verlassen",
    ]);
    await page.keyboard.press("Enter");
    await expect.poll(() => leg()).toBeUndefined();
    // Leaving keeps the keyboard on the call's row.
    await expect.poll(() => focused(page)).toBe("Gespräch von Anna Becker mithören");

    // "Verfügbar" on the Leitstand: a call offered here rings here; Alt+A takes it to the desk.
    for (let i = 0; i < 40 && (await focused(page)) !== "Status"; i++) await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("v");
    await expect.poll(() => stateOf("leitung")).toBe("available");
    await placeCall(server, askForAPerson());
    await page.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    await page.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();
    expect(page.url()).toMatch(/#\/desk$/);
    expect(await stateOf("leitung")).toBe("on-call");
    expect(problems).toEqual([]);
    expect(problemsOf(anna)).toEqual([]);
  });

  it("when an agent searches, holds and books a household by keyboard and extends the wrap-up, then the focus follows each step", async () => {
    await s.db.query("UPDATE agent SET state = 'offline' WHERE id <> 'otto'");
    const { page, problems } = await signInByKeyboard("otto");
    expect((await stops(page, 5)).at(-1)).toBe("Status");
    await page.keyboard.press("v");
    await expect.poll(() => stateOf("otto")).toBe("available");
    await placeCall(server, askForAPerson());
    await page.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    await page.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();

    // The menu's pair given back: the message takes the focus.
    expect((await stops(page, 13)).at(-1)).toBe("Freigeben");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Die Reservierung wurde freigegeben.");
    // A search by postcode; Enter in the field searches; Tab reaches the pairs.
    expect(await stops(page, 3, "Shift+Tab")).toEqual(["Suchen", "Ab Datum (TT.MM.JJJJ, optional)", "Postleitzahl"]);
    await page.keyboard.type("33330");
    await page.keyboard.press("Enter");
    await page
      .getByRole("button", { name: /^Terminpaar ab .* halten$/ })
      .first()
      .waitFor();
    const pair = (await stops(page, 3)).at(-1)!;
    expect(pair).toMatch(/^Terminpaar ab .* halten$/);
    // Holding it: the held pair takes the focus (the button went with it), then Freigeben, the
    // other pairs found, and the person.
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Reserviertes Terminpaar");
    await toTheName(page);
    await page.keyboard.type("Ilse Wagner");
    await page.keyboard.press("Tab");
    await page.keyboard.type("05.05.1935");
    await page.keyboard.press("Alt+b");
    await expect.poll(() => focused(page)).toBe("Gebucht für Ilse Wagner");

    // The household: the suggested pair next to the first takes the focus; Enter holds it.
    expect(await stops(page, 1)).toEqual(["Weitere Person im selben Haushalt buchen"]);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Dieses Terminpaar halten");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Reserviertes Terminpaar");
    await toTheName(page);
    await page.keyboard.type("Karl Wagner");
    await page.keyboard.press("Tab");
    await page.keyboard.type("02.11.1934");
    await page.keyboard.press("Alt+b");
    await expect.poll(() => focused(page)).toBe("Gebucht für Karl Wagner");
    const names = await s.db.query<{ name: string }>(
      "SELECT p.name FROM booking b JOIN person p ON p.id = b.person_id WHERE b.agent_id = 'otto' ORDER BY b.id",
    );
    expect(names.map((n) => n.name)).toEqual(["Ilse Wagner", "Karl Wagner"]);

    // Up to "Gespräch beenden" without meeting anything hidden or nothing at all.
    let reached = "";
    for (let i = 0; i < 20 && reached !== "Gespräch beenden"; i++) {
      await page.keyboard.press("Shift+Tab");
      reached = await focused(page);
      expect(reached).not.toMatch(/^(BODY|HIDDEN:|OFFSCREEN:)/);
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("Nachbearbeitung");
    // "Gebucht", then "Verlängern" once: it is disabled then, and "Abschließen" has the focus.
    expect(await stops(page, 1)).toEqual(["Gebucht"]);
    await page.keyboard.press("Space");
    expect(await stops(page, 3)).toEqual(["Notiz", "Abschließen", "Verlängern"]);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Schon verlängert" }).waitFor();
    await expect.poll(() => focused(page)).toBe("Abschließen");
    await page.keyboard.press("Enter");
    await expect.poll(() => stateOf("otto")).toBe("available");
    const [wrapped] = await s.db.query<{ outcome: string; extended: boolean }>(
      "SELECT outcome, wrap_up_extended AS extended FROM conversation WHERE agent_id = 'otto'",
    );
    expect(wrapped).toEqual({ outcome: "booked", extended: true });
    expect(problems).toEqual([]);
  });
});
