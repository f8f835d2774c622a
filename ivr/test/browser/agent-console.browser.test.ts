// The agent console in real headless Chromium against a real server: sign in, a caller who
// pressed 0 rings at the desk and, accepted, pops up with their context, a pair is booked and the ledger holds it; callbacks
// are claimed (two agents, two different requests) and "no answer" recorded; a reload keeps
// the call; an agent cannot open the supervisors' page; the browser console stays clean.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
};

describe.skipIf(!HAS_CHROMIUM)("the agent console in Chromium (needs Debian's chromium at /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(6));
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  // Wider than the desk's minimum: the booking area and the call panel side by side.
  const desk = (who: string): Promise<Page> =>
    openDesk({ browser, server }, who, { viewport: { width: 1440, height: 1000 } });

  it("when a caller asks for a person, then the call rings, the agent accepts with Alt+A, sees the context, books with Alt+B, and a reload keeps the call", async () => {
    const page = await desk("anna");
    await page.getByLabel("Status").selectOption("available");
    const call = await placeCall(server, askForAPerson());
    expect(call.emulator.state).toBe("queued");
    await page.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    const context = page.getByRole("region", { name: "Anrufkontext" });
    await context.getByText("Kreis Gütersloh").waitFor();
    await expect.poll(() => context.innerText()).toMatch(/1937/);
    expect(await context.innerText()).toMatch(/Hat die 0 gedrückt und möchte mit einer Person sprechen/);
    expect(await context.innerText()).toMatch(/Impfzentrum Gütersloh/);
    await page.screenshot({ path: join(SCREENSHOTS, "agent-call-context.png") });

    // Book a pair for the caller.
    const search = page.getByRole("textbox", { name: "Postleitzahl" }).first();
    await search.fill("33330");
    await page.getByRole("button", { name: "Suchen" }).click();
    await page
      .getByRole("button", { name: /halten/i })
      .first()
      .click();
    // The new booking's person form (the search by name, birth date and postcode has fields of the same names).
    const personForm = page.locator("form.person-form");
    await personForm.getByLabel("Name", { exact: true }).fill("Gisela Schmidt");
    await personForm.getByLabel("Geburtsdatum (TT.MM.JJJJ)").fill("12.04.1936");
    await page.keyboard.press("Alt+b");
    await page.getByText("Bitte den Buchungscode langsam vorlesen:").waitFor();
    const shown = (
      await page
        .getByLabel(/^Buchungscode: /)
        .first()
        .innerText()
    ).replace(/\s|-/g, "");
    expect(shown).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    const booking = await s.ledger.lookup(shown);
    expect(booking).toMatchObject({
      status: "active",
      channel: "agent",
      agentId: "anna",
      person: { name: "Gisela Schmidt", birthDate: "1936-04-12" },
    });
    await page.screenshot({ path: join(SCREENSHOTS, "agent-booked.png") });

    // A reload mid-call restores the call and its context from the server.
    await page.reload();
    await page.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();

    // The call ends; "Gebucht" is accepted because this conversation made the booking.
    await page.getByRole("button", { name: "Gespräch beenden" }).click();
    const wrap = page.getByRole("region", { name: "Nachbearbeitung" });
    await wrap.getByRole("radio", { name: "Gebucht", exact: true }).check();
    await wrap.getByRole("button", { name: "Abschließen" }).click();
    await page.getByText("Kein aktiver Anruf.").waitFor();
    const [conversation] = await s.db.query<{ outcome: string; booking_id: number }>(
      "SELECT outcome, booking_id FROM conversation WHERE agent_id = 'anna' ORDER BY id DESC LIMIT 1",
    );
    expect(conversation).toEqual({ outcome: "booked", booking_id: booking.id });

    // Agents cannot open the supervisors' page.
    await page.goto(`${server.url}/#/supervisor`);
    await page.getByText("Kein Zugriff: Diese Seite ist der Leitung vorbehalten.").waitFor();
    expect(problemsOf(page)).toEqual([]);
  });

  it("when two agents take the next callback at once, then each gets a different one; no answer is recorded", async () => {
    // Anna ended the last test "Verfügbar": a due callback would ring at her desk (callback
    // offers); pulling from the worklist is for an agent who is not taking offers.
    const [anna, ben] = [await desk("anna"), await desk("ben")];
    await anna.getByLabel("Status").selectOption({ label: "Nicht bereit (Pause)" });
    await expect
      .poll(async () => (await s.db.prisma.agent.findUniqueOrThrow({ where: { id: "anna" } })).state)
      .toBe("break");
    for (const phone of ["+4952418880001", "+4952418880002"]) {
      await s.callbacks.register({
        phone,
        phoneSource: "keyed",
        language: "de",
        reason: "agent",
        birthYear: 1932,
        hasCode: false,
        context: {},
        holdId: null,
        originCallSid: null,
      });
    }
    await Promise.all([anna.keyboard.press("Alt+n"), ben.keyboard.press("Alt+n")]);
    const title = async (p: Page) =>
      (
        await p
          .getByText(/^Rückruf Nr\. \d+$/)
          .first()
          .innerText()
      ).trim();
    const [a, b] = [await title(anna), await title(ben)];
    expect(a).not.toBe(b);
    await anna.screenshot({ path: join(SCREENSHOTS, "agent-callback.png") });
    // "Nicht erreicht" only after the dial, and one dial per attempt.
    await anna.getByRole("button", { name: "Anrufen", exact: true }).click();
    await expect.poll(() => anna.getByRole("button", { name: "Anrufen", exact: true }).isDisabled()).toBe(true);
    await anna.getByRole("button", { name: "Nicht erreicht" }).click();
    await anna.getByText(/Ergebnis gespeichert/).waitFor();
    const id = Number(a.replace(/\D/g, ""));
    expect(await s.callbacks.find(id)).toMatchObject({ status: "pending", attempts: 1, outcome: "no-answer" });
    expect(problemsOf(anna)).toEqual([]);
    expect(problemsOf(ben)).toEqual([]);
  });
});
