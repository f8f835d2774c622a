// The supervisors' wallboard in real Chromium during a burst of emulated calls: the numbers
// it shows come from the same database the test checks them against.
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";
import { placeCall } from "../support/phone.ts";
import { givenCentre } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
};

describe.skipIf(!HAS_CHROMIUM)("the wallboard in Chromium (needs Debian's chromium at /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, async (services) => {
      await givenCentre(services, "Kreis Gütersloh").withFreePairs(12);
      await givenCentre(services, "Bielefeld").withFreePairs(30);
    });
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  it("when a burst of calls books and leaves callbacks, then the wallboard shows what the database holds", async () => {
    const page = await (
      await browser.newContext({
        viewport: { width: 1920, height: 1400 },
        locale: "de-DE",
        timezoneId: "Europe/Berlin",
      })
    ).newPage();
    const problems = watchConsole(page);
    await signIn(page, server.url, "leitung", "pw-leitung-123");
    await page.goto(`${server.url}/#/supervisor`);
    await page.getByText("Live-Lage").waitFor();

    const booking = (i: number) =>
      placeCall(
        server,
        [
          "silence",
          "2",
          "1936",
          "33330",
          { expect: /nächste freie Termin/, answer: "1" },
          `0${i + 1}0${i + 1}1936`,
          "r:2#",
          { expect: /fasse zusammen/, answer: "1" },
          { expect: /gebucht/, answer: "3" },
        ],
        { from: `+49151000000${i}` },
      );
    const callback = (i: number) =>
      placeCall(
        server,
        ["silence", "0", { expect: /zurückrufen/, answer: "1" }, { expect: /unter der Nummer/, answer: "1" }],
        { from: `+49524100000${i}` },
      );
    await Promise.all([...[0, 1, 2, 3, 4].map(booking), ...[0, 1, 2].map(callback)]);

    const phoneBookings = await s.db.prisma.booking.count({ where: { channel: "phone", status: "active" } });
    const due = await s.db.prisma.callbackRequest.count({
      where: { status: "pending", nextAttemptAt: { lte: new Date() } },
    });
    const [free] = await s.db.prisma.$queryRaw<{ n: number }[]>`
      SELECT sum(s.capacity - s.booked - s.held)::int AS n FROM slot s JOIN centre c ON c.id = s.centre_id JOIN district d ON d.id = c.district_id
       WHERE s.dose = 1 AND d.region_id = 'westfalen-lippe' AND s.starts_at >= now() + interval '60 minutes'`;
    expect(phoneBookings).toBe(5);
    expect(due).toBe(3);

    const bookingsTable = page.getByRole("table", { name: "Buchungen nach Kanal und Zeitraum" });
    await expect
      .poll(async () => (await bookingsTable.getByRole("row", { name: /Telefon/ }).innerText()).replace(/\s+/g, " "), {
        timeout: 8_000,
      })
      .toMatch(/Telefon 5 5 5/);
    const text = async () => (await page.locator("body").innerText()).replace(/\s+/g, " ");
    await expect.poll(text, { timeout: 8_000 }).toMatch(new RegExp(`Fällig ${due}\\b`));
    expect(await text()).toMatch(new RegExp(`KV Westfalen-Lippe ${free!.n.toLocaleString("de-DE")}\\b`));
    await page.screenshot({ path: join(SCREENSHOTS, "wallboard.png"), fullPage: true });
    expect(problems).toEqual([]);
  });
});
