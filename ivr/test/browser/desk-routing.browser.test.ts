// Calls offered, not pulled, in real headless Chromium at 1366×768 against a real server whose
// routing rounds run every second: a caller rings at the desk of the agent idle longest, is
// accepted, wrapped up, and the agent is available again; an offer not accepted in time makes
// the agent "Nicht bereit (verpasst)" and rings at the next agent; a second conversation is
// refused by the console and by the server. Saves the README's desk pictures (idle, ringing,
// in call, wrap-up) when UPDATE_SCREENSHOTS=1.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../../src/adapters/telephony/emulated-telephony.ts";
import { askForAPerson, placeCall } from "../support/phone.ts";
import { givenCentre } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  openDesk,
  problemsOf,
  startBrowserHotline,
  type BrowserHotline,
} from "../support/browser.ts";

const ENV = {
  AGENT_ACCOUNTS: [
    "anna:Anna Becker:pw-anna-123",
    "ben:Ben Kaya:pw-ben-123",
    "cem:Cem Yilmaz:pw-cem-123",
    "dora:Dora Nowak:pw-dora-123",
    "emil:Emil Braun:pw-emil-123",
  ].join(","),
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
  OFFER_RING_SECONDS: "6",
};

describe.skipIf(!HAS_CHROMIUM)("calls offered at the desk in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(6));
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  const desk = (who: string): Promise<Page> => openDesk({ browser, server }, who);
  const status = (page: Page) => page.getByLabel("Status");
  const ringing = (page: Page) => page.getByRole("alertdialog", { name: "Eingehender Anruf" });
  const stateOf = async (who: string) => (await s.db.prisma.agent.findUniqueOrThrow({ where: { id: who } })).state;

  it("when a caller asks for a person, then the free agent's desk rings, Alt+A takes the call, wrap-up follows and 'Abschließen' makes the agent available", async () => {
    const page = await desk("anna");
    await status(page).selectOption({ label: "Verfügbar" });
    await page.getByText(/^seit/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "desk-idle.png") });

    const call = await placeCall(server, askForAPerson());
    expect(call.emulator.state).toBe("queued");
    await ringing(page).waitFor({ timeout: 5_000 });
    expect(await ringing(page).innerText()).toMatch(/Deutsch · Hat die 0 gedrückt/);
    await expect.poll(() => page.title(), { timeout: 3_000 }).toBe("☎ Anruf – bitte annehmen");
    await page.screenshot({ path: join(SCREENSHOTS, "desk-ringing.png") });

    await page.keyboard.press("Alt+a");
    const context = page.getByRole("region", { name: "Anrufkontext" });
    await context.getByText("Kreis Gütersloh").waitFor();
    await expect.poll(() => status(page).inputValue()).toBe("on-call");
    await expect.poll(async () => page.title()).not.toBe("☎ Anruf – bitte annehmen");
    await context.getByText(/^Gesprächsdauer 00:0[1-9]/).waitFor({ timeout: 5_000 });
    // The picture shows the call's controls (Halten, Stumm, Weiterleiten) as the agent sees them.
    await page.getByRole("group", { name: "Gesprächssteuerung" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "desk-in-call.png") });

    await context.getByRole("button", { name: "Gespräch beenden" }).click();
    const wrap = page.getByRole("region", { name: "Nachbearbeitung" });
    await wrap.getByText(/dann sind Sie wieder verfügbar/).waitFor();
    await wrap.getByRole("radio", { name: "Nur Auskunft" }).check();
    await wrap.getByLabel("Notiz").fill("Fragte, wann die zweite Impfung ist");
    await page.screenshot({ path: join(SCREENSHOTS, "desk-wrap-up.png") });
    await wrap.getByRole("button", { name: "Abschließen" }).click();
    await expect.poll(() => status(page).inputValue()).toBe("available");
    await page.getByText("Kein aktiver Anruf.").waitFor();
    expect(await stateOf("anna")).toBe("available");
    const conversation = await s.db.query<{ outcome: string; note: string }>(
      "SELECT outcome, note FROM conversation WHERE call_sid = $1",
      [call.emulator.identity.callSid],
    );
    expect(conversation).toEqual([{ outcome: "information", note: "Fragte, wann die zweite Impfung ist" }]);
    expect(problemsOf(page)).toEqual([]);
    await status(page).selectOption({ label: "Abgemeldet" });
  });

  it("when the agent does not accept in time, then they are 'Nicht bereit (verpasst)' and the call rings at the next agent", async () => {
    const [ben, cem] = [await desk("ben"), await desk("cem")];
    await status(ben).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("ben")).toBe("available");
    await status(cem).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("cem")).toBe("available");

    await placeCall(server, askForAPerson());
    // Ben has been free longer: his desk rings first, and only his.
    await ringing(ben).waitFor({ timeout: 5_000 });
    expect(await ringing(cem).count()).toBe(0);
    await ben.getByText(/Ihr Status ist jetzt „Nicht bereit \(verpasst\)“/).waitFor({ timeout: 10_000 });
    await expect.poll(() => status(ben).inputValue()).toBe("break:missed");
    expect(await status(ben).locator("option:checked").innerText()).toBe("Nicht bereit (verpasst)");

    await ringing(cem).waitFor({ timeout: 5_000 });
    await ringing(cem).getByRole("button", { name: "Annehmen" }).click();
    await cem.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();
    expect(await stateOf("cem")).toBe("on-call");
    expect(await stateOf("ben")).toBe("break");
    expect(problemsOf(ben)).toEqual([]);
    expect(problemsOf(cem)).toEqual([]);
  });

  it("when an agent is on a call, then a callback cannot be taken, neither in the console nor through the API", async () => {
    await s.callbacks.register({
      phone: "+4952418880009",
      phoneSource: "keyed",
      language: "de",
      reason: "agent",
      birthYear: 1932,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    const [dora, emil] = [await desk("dora"), await desk("emil")];
    // Emil takes the callback first: while he works it, no call is offered to him.
    await emil.keyboard.press("Alt+n");
    await emil.getByText(/^Rückruf Nr\. \d+$/).waitFor();
    expect(await emil.getByRole("button", { name: "Nicht erreicht" }).isDisabled()).toBe(true);

    await status(dora).selectOption({ label: "Verfügbar" });
    await placeCall(server, askForAPerson());
    await ringing(dora).waitFor({ timeout: 5_000 });
    await dora.keyboard.press("Alt+a");
    await dora.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();
    expect(await ringing(emil).count()).toBe(0);

    // Dora on the call: "Nächster Rückruf" is disabled, and the server refuses it too.
    expect(await dora.getByRole("button", { name: "Nächster Rückruf" }).isDisabled()).toBe(true);
    const refused = await dora.evaluate(async () => {
      const res = await fetch("/api/callbacks/next", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      return { status: res.status, body: await res.json() };
    });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "conversation_busy" } } });

    // Emil dials once: "Anrufen" is then disabled, and "Nicht erreicht" possible.
    await emil.getByRole("button", { name: "Anrufen", exact: true }).click();
    await expect.poll(() => emil.getByRole("button", { name: "Anrufen", exact: true }).isDisabled()).toBe(true);
    await emil.getByRole("button", { name: "Nicht erreicht" }).click();
    await emil.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    // The browser logs the test's own refused request; nothing else.
    expect(problemsOf(dora)).toEqual([
      "error: Failed to load resource: the server responded with a status of 409 (Conflict)",
    ]);
    expect(problemsOf(emil)).toEqual([]);
  });

  it("when a callback is due, then the free agent's desk rings for it; Alt+A takes it, 'Anrufen' dials once, the outcome starts wrap-up", async () => {
    const anna = await desk("anna");
    await status(anna).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("anna")).toBe("available");
    const { request } = await s.callbacks.register({
      phone: "+4952418880077",
      phoneSource: "keyed",
      language: "de",
      reason: "long-wait",
      birthYear: 1934,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    const offered = anna.getByRole("alertdialog", { name: "Rückruf fällig" });
    await offered.waitFor({ timeout: 5_000 });
    expect(await offered.innerText()).toMatch(/Deutsch · Lange Wartezeit, Rückruf gewünscht/);
    expect(await offered.innerText()).toMatch(/Rückruf erbeten am \w+\., \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    await expect.poll(() => anna.title(), { timeout: 3_000 }).toBe("☎ Rückruf – bitte annehmen");

    await anna.keyboard.press("Alt+a");
    await anna.getByText(`Rückruf Nr. ${request.id}`).waitFor();
    await expect.poll(() => status(anna).inputValue()).toBe("on-call");
    const dial = anna.getByRole("button", { name: "Anrufen", exact: true });
    await dial.click();
    await expect.poll(() => dial.isDisabled()).toBe(true);
    expect((server.hotline.telephony as EmulatedTelephony).placed.filter((c) => c.to === request.phone)).toHaveLength(
      1,
    );

    await anna.getByRole("button", { name: "Nicht erreicht" }).click();
    const wrap = anna.getByRole("region", { name: "Nachbearbeitung" });
    await wrap.getByText(/dann sind Sie wieder verfügbar/).waitFor();
    await wrap.getByRole("button", { name: "Abschließen" }).click();
    await expect.poll(() => status(anna).inputValue()).toBe("available");
    const [conversation] = await s.db.query<{ kind: string; dialled: boolean; outcome: string }>(
      "SELECT kind, dialled_at IS NOT NULL AS dialled, outcome FROM conversation WHERE callback_id = $1",
      [request.id],
    );
    expect(conversation).toEqual({ kind: "callback", dialled: true, outcome: "other" });
    expect(problemsOf(anna)).toEqual([]);
  });
});
