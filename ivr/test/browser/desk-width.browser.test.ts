// The agent desk on a 1366×768 laptop screen: no horizontal scrolling, idle and with a search's
// results and a held pair on screen (the widest the booking side gets).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { givenCentre } from "../support/scenario.ts";
import { HAS_CHROMIUM, openDesk, problemsOf, startBrowserHotline, type BrowserHotline } from "../support/browser.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
};

const overflow = (page: Page) =>
  page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
  );

describe.skipIf(!HAS_CHROMIUM)("the desk at 1366×768 in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(6));
  });
  afterAll(() => hotline?.close());

  it("when an agent works at 1366×768, then the page never scrolls sideways", async () => {
    const page = await openDesk(hotline!, "anna");
    await page.getByRole("heading", { name: "Impftermin-Hotline · Arbeitsplatz" }).waitFor();
    let width = await overflow(page);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);

    await page.getByRole("textbox", { name: "Postleitzahl" }).first().fill("33330");
    await page.getByRole("button", { name: "Suchen" }).click();
    await page
      .getByRole("button", { name: /halten/i })
      .first()
      .click();
    await page.getByRole("region", { name: "Reserviertes Terminpaar" }).waitFor();
    width = await overflow(page);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
