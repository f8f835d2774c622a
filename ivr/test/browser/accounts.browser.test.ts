// Accounts and security in real Chromium at 1366×768 (a common office screen): a supervisor
// adds an agent, resets the password and disables the account with the keyboard alone; the
// agent's open console is signed out at each step; the console runs under its CSP with no
// violation; and an agent finds a booking by name, birth date and postcode.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  watchCsp,
  type BrowserHotline,
} from "../support/browser.ts";
import { givenCentre, person } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.skipIf(!HAS_CHROMIUM)("accounts and browser security in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;
  const checks: { page: Page; problems: string[]; csp: () => Promise<string[]>; signedOut?: boolean }[] = [];

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(4));
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    checks.push({ page, problems: watchConsole(page), csp: await watchCsp(page) });
    return page;
  };
  const tabUntil = async (page: Page, name: RegExp, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      // What a screen reader would name the focused element (this file has no DOM types: a script as text).
      const focused = await page.evaluate<string>(`(() => {
        const el = document.activeElement;
        return (el && (el.getAttribute("aria-label") || el.innerText || (el.labels && el.labels[0] && el.labels[0].innerText))) || "";
      })()`);
      if (name.test(focused)) return;
    }
    throw new Error(`no focusable element named ${name} within ${max} tabs`);
  };
  const focusedPassword = async (page: Page) => {
    const dialog = page.getByRole("alertdialog", { name: /^Neues Passwort für/ });
    await dialog.waitFor();
    // The dialog takes the focus: Enter on its button is the next key.
    expect(await page.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe(
      "Ich habe das Passwort notiert",
    );
    return (await dialog.locator("code").innerText()).trim();
  };
  const signedOut = (page: Page) => page.getByRole("button", { name: "Anmelden" }).waitFor({ timeout: 10_000 });

  it("when a supervisor adds, resets and disables an account with the keyboard, then the agent is signed out each time", async () => {
    const boss = await newPage();
    const response = await boss.goto(server.url);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await signIn(boss, server.url, "leitung", "pw-leitung-123");
    await tabUntil(boss, /^Konten$/);
    await boss.keyboard.press("Enter");
    await boss.getByRole("table", { name: "Alle Konten" }).waitFor();

    // Add: Tab to the user name, type, Tab on through the form; the password is drawn.
    await tabUntil(boss, /^Benutzername$/);
    await boss.keyboard.type("dora");
    await boss.keyboard.press("Tab"); // the hint is text; next: the display name
    await boss.keyboard.type("Dora Klein");
    await boss.keyboard.press("Tab");
    expect(await boss.evaluate<string>("document.activeElement.value")).toBe("agent");
    await tabUntil(boss, /^Konto anlegen$/);
    await boss.keyboard.press("Enter");
    const first = await focusedPassword(boss);
    expect(first).toMatch(/^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
    await boss.screenshot({ path: join(SCREENSHOTS, "accounts-password-once.png") });
    await boss.keyboard.press("Enter");
    await boss.getByRole("row", { name: /dora Dora Klein/ }).waitFor();
    expect(await boss.getByText(first).count()).toBe(0);

    const dora = await newPage();
    // Signed out from the server's side three times: its refused requests (401, the cut socket's
    // 400) are the point of this page, so only its CSP is checked, not its console.
    checks.at(-1)!.signedOut = true;
    await signIn(dora, server.url, "dora", first);

    // Reset: the row's button, the dialog's own focus, Tab to its confirm button.
    await boss.getByRole("button", { name: "Passwort von Dora Klein zurücksetzen" }).focus();
    await boss.keyboard.press("Enter");
    await boss.getByRole("dialog", { name: "Passwort von Dora Klein zurücksetzen" }).waitFor();
    await tabUntil(boss, /^Passwort zurücksetzen$/, 5);
    await boss.keyboard.press("Enter");
    const second = await focusedPassword(boss);
    expect(second).not.toBe(first);
    await boss.keyboard.press("Enter");
    await signedOut(dora);
    await signIn(dora, server.url, "dora", second);

    // Disable: the confirmation's focus is on "Nein"; Shift+Tab to "Ja, sperren".
    await boss.getByRole("button", { name: "Dora Klein sperren" }).focus();
    await boss.keyboard.press("Enter");
    expect(await boss.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe("Nein, nicht sperren");
    await boss.keyboard.press("Shift+Tab");
    await boss.keyboard.press("Enter");
    await boss.getByText("Dora Klein ist gesperrt und abgemeldet.").waitFor();
    await signedOut(dora);
    await dora.getByLabel("Benutzername").fill("dora");
    await dora.getByLabel("Passwort").fill(second);
    await dora.getByRole("button", { name: "Anmelden" }).click();
    await dora.getByText("Benutzername oder Passwort ist falsch.").waitFor();

    // Everything fits the 1366 px screen: no sideways scrolling.
    expect(await boss.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1366);
    await boss.screenshot({ path: join(SCREENSHOTS, "accounts.png"), fullPage: true });
    const actions = await s.db.prisma.supervisorAction.findMany({ where: { action: { startsWith: "account." } } });
    expect(actions.map((a) => a.action)).toEqual(["account.create", "account.password", "account.disable"]);
  });

  it("when an agent finds a booking by name, birth date and postcode, then it opens for cancelling or rebooking", async () => {
    const centre = givenCentre(s, "Kreis Gütersloh").centre;
    const [pair] = await s.ledger.freePairs(centre.id);
    const booked = await s.ledger.book({
      firstSlotId: pair!.firstSlotId,
      person: person(1, { name: "Erika Müller", birthDate: "1938-03-03" }),
      channel: "phone",
    });
    const page = await newPage();
    await signIn(page, server.url, "anna", "pw-anna-123");
    await page.getByRole("button", { name: "Name und Geburtsdatum" }).click();
    const form = page.getByRole("form", { name: "Buchung nach Name, Geburtsdatum und Postleitzahl suchen" });
    await form.getByLabel("Name", { exact: true }).fill("mueller erika");
    await form.getByLabel("Geburtsdatum (TT.MM.JJJJ)").fill("03.03.1938");
    await form.getByLabel("Postleitzahl").fill("33330");
    await form.getByRole("button", { name: "Buchung suchen" }).click();
    const code = `${booked.code.slice(0, 4)}-${booked.code.slice(4, 8)}-${booked.code.slice(8)}`;
    await page.getByRole("button", { name: `Buchung ${code} öffnen` }).click();
    await page.getByRole("heading", { name: "Buchung (aktiv)" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "agent-find-by-name.png") });
  });

  it("when the pages above have run, then the console ran under its CSP without a violation", async () => {
    for (const { problems, csp, signedOut } of checks) {
      expect(await csp(), "CSP violations").toEqual([]);
      if (!signedOut) expect(problems, "console errors and warnings").toEqual([]);
      else expect(problems.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
    }
  });
});
