// The supervisors' wallboard in real Chromium during a burst of emulated calls: the numbers
// it shows come from the same database the test checks them against, and it fits a
// 1920×1080 wallboard screen (no figure over another, no scrolling) and a 1366×768 office one.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";
import { ConsoleClient } from "../support/console-client.ts";
import { askForAPerson, placeCall } from "../support/phone.ts";
import { givenCentre } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-1234",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
  // The burst leaves three callbacks due that the figures count as due; with callback offers
  // they would ring at anna's desk before the callers who ask for a person (desk-routing tests those).
  CALLBACK_OFFERS: "off",
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
        viewport: { width: 1920, height: 1080 },
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
          `s:Erika Wallboard ${"ABCDE"[i]}`,
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

    // Then agents work: anna answers one of two callers who asked for a person and ends the
    // call; the other caller still waits. Ben takes a break.
    const anna = new ConsoleClient(server.url);
    const ben = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
    await ben.login("ben", "pw-ben-1234");
    await anna.call("POST", "/api/agent/state", { state: "available" });
    await ben.call("POST", "/api/agent/state", { state: "break" });
    await placeCall(server, askForAPerson(), { from: "+4915200000001" });
    await placeCall(server, askForAPerson("1935"), { from: "+4915200000002" });
    // Calls are offered, not pulled: the routing round rings anna, who accepts.
    let offer: { id: number } | null = null;
    for (let i = 0; i < 50 && !offer; i++) {
      offer = (await anna.call("GET", "/api/agent/current")).body.offer ?? null;
      if (!offer) await new Promise((r) => setTimeout(r, 200));
    }
    const answered = await anna.call("POST", `/api/offers/${offer!.id}/accept`, {});
    expect(answered.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await anna.call("POST", `/api/calls/${answered.body.call.callSid}/end`, {})).status).toBe(204);
    expect((await anna.call("POST", "/api/wrap-up", { outcome: "information" })).status).toBeLessThan(300);

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
    // The day's charts load once a minute: a reload shows them now.
    await page.reload();
    await page.getByText("Live-Lage").waitFor();
    // The service figures as the database has them: of the 2 callers who reached the queue 1 was
    // answered and 1 waits (the 3 sent to a callback before any agent was working never queued).
    const kpis = page.getByRole("region", { name: "Die Lage auf einen Blick" });
    await expect
      .poll(async () => (await kpis.innerText()).replace(/\s+/g, " "), { timeout: 8_000 })
      .toMatch(/Angenommen heute 1 von 2 angeboten/);
    const service = page.getByRole("table", { name: "Servicewerte der laufenden Viertelstunde und des Tages" });
    expect((await service.getByRole("row", { name: /^Angeboten/ }).innerText()).replace(/\s+/g, " ")).toBe(
      "Angeboten 2 2",
    );
    const agents = page.getByRole("table", { name: /Agent:innen mit Status/ });
    // Her conversation (talk and wrap-up) is over: one handled today.
    await expect
      .poll(async () => (await agents.getByRole("row", { name: /Anna Becker/ }).innerText()).replace(/\s+/g, " "), {
        timeout: 8_000,
      })
      .toMatch(/^Anna Becker Verfügbar \d\d:\d\d 1$/);
    expect((await agents.getByRole("row", { name: /Ben Kaya/ }).innerText()).replace(/\s+/g, " ")).toMatch(
      /^Ben Kaya Pause \d\d:\d\d 0$/,
    );
    await page.getByRole("figure", { name: "Servicelevel je Viertelstunde" }).waitFor();

    await page.screenshot({ path: join(SCREENSHOTS, "wallboard.png"), fullPage: true });
    await expectFits(page, 1080);
    // The centres' level column is in view, not behind a sideways scroll inside its tile.
    const centresScroll = `(() => { const e = document.querySelector(".centres-scroll"); return e.scrollWidth - e.clientWidth; })()`;
    expect(await page.evaluate<number>(centresScroll)).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, "wallboard-1366.png"), fullPage: true });
    await expectFits(page);
    expect(problems).toEqual([]);
  });
});

/**
 * No horizontal scrolling; with `height`, the page no taller than the screen; and no big
 * figure drawn over another (the regions' "196.000" once sat on "200.000").
 */
async function expectFits(page: Page, height?: number) {
  // A string, as in the other browser tests: the server's TypeScript knows no DOM.
  const layout = await page.evaluate<{
    scrollWidth: number;
    clientWidth: number;
    scrollHeight: number;
    overlaps: string[];
    clipped: string[];
  }>(`(() => {
    const boxes = [...document.querySelectorAll(".stat dd, .kpi-value, .kpi dt, .stat dt")].map((e) =>
      e.getBoundingClientRect(),
    );
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(i + "/" + j);
      }
    const clipped = [...document.querySelectorAll(".stat dd, .kpi-value")].filter(
      (e) => e.scrollWidth > e.clientWidth + 1,
    );
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      scrollHeight: document.documentElement.scrollHeight,
      overlaps,
      clipped: clipped.map((e) => e.textContent),
    };
  })()`);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  expect(layout.overlaps).toEqual([]);
  expect(layout.clipped).toEqual([]);
  if (height) expect(layout.scrollHeight).toBeLessThanOrEqual(height);
}
