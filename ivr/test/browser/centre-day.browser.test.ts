// The centre's day in real Chromium at 1366×768: a reception account lands on its centre's
// list, checks in a queue at the desk with the keyboard alone (a, n, z, arrow keys) and the
// marks are stored per booking and dose; a missed first dose is due for a rebooking call.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlCentreDayStore } from "../../src/adapters/db/sql-centre-day-store.ts";
import { addDays, berlinDate } from "../../src/domain/time/berlin.ts";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";
import { ConsoleClient } from "../support/console-client.ts";
import { givenCentre, person } from "../support/scenario.ts";

const ENV = { SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123" };
const PEOPLE = [
  ["Erika Schäfer", "1936-04-12"],
  ["Hans-Jürgen Öztürk", "1939-11-02"],
  ["Ingrid Wagner", "1934-07-30"],
  ["Wilhelm Becker", "1940-01-17"],
  ["Gertrud Nowak", "1937-09-05"],
] as const;

describe.skipIf(!HAS_CHROMIUM)("the centre's day in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  const bookings: number[] = [];
  const day = addDays(berlinDate(new Date()), 1);

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, async (s) => {
      const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(PEOPLE.length, { day });
      const pairs = await s.ledger.freePairs(centre.id, { limit: PEOPLE.length });
      for (const [i, [name, birthDate]] of PEOPLE.entries())
        bookings.push(
          (
            await s.ledger.book({
              firstSlotId: pairs[i]!.firstSlotId,
              person: person(i, { name, birthDate }),
              channel: "phone",
            })
          ).bookingId,
        );
    });
    const leitung = new ConsoleClient(hotline.server.url);
    await leitung.login("leitung", "pw-leitung-123");
    const centreId = hotline.s.geography.districts.find((d) => d.name === "Kreis Gütersloh")!.centre.id;
    const created = await leitung.call("POST", "/api/supervisor/accounts", {
      id: "empfang-gt",
      displayName: "Empfang Gütersloh",
      role: "centre",
      centreId,
      password: "empfang-passwort-1",
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => hotline?.close());

  it("when the reception checks in with the keyboard, then each dose is marked and a missed first dose is due for a call", async () => {
    const { browser, server, s } = hotline!;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, server.url, "empfang-gt", "empfang-passwort-1");
    await page.getByRole("heading", { name: "Impfzentrum: Tagesliste" }).waitFor();
    // No desk, no Leitstand: the navigation is not there at all.
    expect(await page.getByRole("link", { name: "Leitstand" }).count()).toBe(0);
    await page.getByLabel("Tag", { exact: true }).fill(day.split("-").reverse().join("."));
    const table = page.getByRole("table", { name: "Termine des Tages" });
    await table.waitFor();
    const status = (name: string) => page.getByRole("row", { name: new RegExp(`^${name}`) }).locator("td.status");

    await page.getByRole("row", { name: /^Erika Schäfer/ }).focus();
    await page.keyboard.press("a"); // Erika: attended, focus moves on
    await page.keyboard.press("n"); // Hans-Jürgen: did not come
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("z"); // taken back
    await page.keyboard.press("n"); // and marked again
    await page.keyboard.press("a"); // Ingrid: attended
    await expect.poll(() => status("Ingrid Wagner").innerText()).toBe("erschienen");
    expect(await status("Erika Schäfer").innerText()).toBe("erschienen");
    expect(await status("Hans-Jürgen Öztürk").innerText()).toBe("nicht erschienen");
    expect(await status("Wilhelm Becker").innerText()).toBe("offen");
    await expect.poll(() => page.getByText(/5 Termine: 2 erschienen, 1 nicht erschienen, 2 offen/).count()).toBe(1);

    const store = new SqlCentreDayStore(s.db);
    await expect.poll(() => store.pendingRebookCalls()).toEqual([bookings[1]]);
    const rows = await s.db.prisma.attendance.findMany({ orderBy: { bookingId: "asc" } });
    expect(rows.map((r) => [r.bookingId, r.dose, r.status])).toEqual([
      [bookings[0], 1, "attended"],
      [bookings[1], 1, "no-show"],
      [bookings[2], 1, "attended"],
    ]);
    await page.getByLabel("Dosen verworfen").fill("1");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Gespeichert.").waitFor();
    await page.getByRole("row", { name: /^Wilhelm Becker/ }).focus();
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(SCREENSHOTS, "centre-day.png") });
    expect(problems).toEqual([]);
    await context.close();
  });
});
