// A supply drop in real Chromium: a supervisor opens the Leitstand's controls, enters a week's
// lost doses, sees the preview (what moves from which day to which, nothing changed yet), then
// executes it; the latest booked pairs move a week on, each with a pending notice.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, berlinDate } from "../../src/domain/time/berlin.ts";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";
import { givenCentre, person } from "../support/scenario.ts";

const ENV = { SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123" };
const german = (iso: string) => iso.split("-").reverse().join(".");

describe.skipIf(!HAS_CHROMIUM)("a supply drop in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  const today = berlinDate(new Date());
  // The week after next starts on a Monday; its Wednesday loses doses, the Wednesday after takes the moves.
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const weekStart = addDays(today, ((8 - weekday) % 7 || 7) + 7);
  const dropDay = addDays(weekStart, 2);
  const targetDay = addDays(dropDay, 7);
  const booked: number[] = [];

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, async (s) => {
      const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(3, { day: dropDay });
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(3, { day: targetDay });
      const pairs = await s.ledger.freePairs(centre.id, { limit: 3 });
      for (const [i, p] of pairs.entries())
        booked.push(
          (await s.ledger.book({ firstSlotId: p.firstSlotId, person: person(i), channel: "phone" })).bookingId,
        );
    });
  });
  afterAll(() => hotline?.close());

  it("when the supervisor previews and executes a drop, then two pairs move a week on and nobody is overbooked", async () => {
    const { browser, server, s } = hotline!;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, server.url, "leitung", "pw-leitung-123");
    await page.goto(`${server.url}/#/supervisor`);
    await page.getByRole("button", { name: "Steuerung und Protokoll" }).click();
    const panel = page.getByRole("region", { name: "Lieferung fällt aus oder wird gekürzt" });
    await panel.getByLabel("KV-Region").selectOption({ label: "KV Westfalen-Lippe" });
    await panel.getByLabel("Woche ab (TT.MM.JJJJ)").fill(german(weekStart));
    await panel.getByLabel("Dosen weniger").fill("4");
    await panel.getByLabel("Verschieben um (gleicher Wochentag)").selectOption({ label: "7 Tage" });
    await panel.getByRole("button", { name: "Vorschau" }).click();
    await panel
      .getByText(`Vorschau: 4 von 6 Dosen fehlen, KV Westfalen-Lippe, Woche ab ${german(weekStart)}.`, { exact: false })
      .waitFor();
    const byDay = panel.getByRole("table", { name: "Verschiebungen nach Tagen" });
    expect(await byDay.getByRole("row", { name: `${german(dropDay)} ${german(targetDay)} 2` }).count()).toBe(1);
    // The preview changed nothing.
    expect(await s.db.query(`SELECT 1 FROM booking_event WHERE action = 'rebooked'`)).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, "supply-drop-preview.png"), fullPage: true });

    await panel.getByRole("button", { name: "Ausführen" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Lieferkürzung ausführen?" });
    await dialog.getByRole("button", { name: "Ja, ausführen" }).click();
    await panel
      .getByText(
        "Ausgeführt: 0 Einladungen zurückgenommen, 2 Terminpaare verschoben, 0 nicht verschiebbar, Kapazität um 2 Terminpaare gesenkt.",
        { exact: false },
      )
      .waitFor();

    const moved = await s.db.query<{ booking_id: number }>(
      `SELECT booking_id FROM supply_move_notice WHERE status = 'pending' ORDER BY booking_id`,
    );
    expect(moved.map((m) => m.booking_id)).toEqual([booked[1], booked[2]]);
    const over = await s.db.query(`SELECT 1 FROM slot WHERE booked + held > capacity`);
    expect(over).toHaveLength(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
