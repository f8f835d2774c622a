// The Leitstand's invitation campaign in real Chromium at 1920×1080: a supervisor sees who waits
// in KV Westfalen-Lippe, starts a run with half of the free pairs, and the figures change to
// what the run did; the published hashes and the seed appear. Pausing the region turns the
// start off. Saves the README's picture (docs/screenshots/campaign.png) when UPDATE_SCREENSHOTS=1.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlWaitlistStore } from "../../src/adapters/db/sql-waitlist-store.ts";
import { addDays, berlinDate } from "../../src/domain/time/berlin.ts";
import { Waitlist } from "../../src/domain/waitlist/waitlist.ts";
import {
  HAS_CHROMIUM,
  SCREENSHOTS,
  signIn,
  startBrowserHotline,
  watchConsole,
  type BrowserHotline,
} from "../support/browser.ts";
import { givenCentre } from "../support/scenario.ts";

const ENV = { SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123" };
const PEOPLE = 24;

describe.skipIf(!HAS_CHROMIUM)("the invitation campaign in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, async (s) => {
      const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, s.clock, { minAge: 80 });
      for (let n = 0; n < PEOPLE; n++)
        await waitlist.register(
          {
            name: `Person Warteliste${n}`,
            birthDate: `19${20 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`,
            postcode: "33330",
            // Every fourth only by letter: booked at once, at least a week ahead.
            phone: n % 4 === 3 ? null : `+491510000${String(n).padStart(4, "0")}`,
            consentCalls: n % 4 !== 3,
            street: "Lindenweg 1",
            city: "Gütersloh",
          },
          "agent",
          "agent:anna",
        );
      const today = berlinDate(new Date());
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: addDays(today, 2) });
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: addDays(today, 10) });
    });
  });
  afterAll(() => hotline?.close());

  it("when the supervisor starts a run with 50 %, then the region's figures show the invitations and the seed", async () => {
    const { browser, server, s } = hotline!;
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, server.url, "leitung", "pw-leitung-123");
    await page.goto(`${server.url}/#/supervisor`);
    await page.getByRole("button", { name: "Einladungen" }).click();
    const region = page.getByRole("region", { name: /^KV Westfalen-Lippe/ });
    const fact = (label: string) => region.locator("dt", { hasText: new RegExp(`^${label}`) }).locator("+ dd");
    await expect.poll(() => fact("Freie Terminpaare").innerText()).toBe("20");
    expect(await fact("Nächster Lauf").innerText()).toBe("14"); // 70 % of the centre's 20 free pairs
    expect(await fact("Eingeladen, Antwort offen").innerText()).toBe("0");
    const waiting = region.getByRole("table", { name: "Wartend nach Prioritätsgruppe" });
    const waitingTotal = async () =>
      (await waiting.locator("td").allInnerTexts()).reduce((sum, t) => sum + Number(t.replace(/\./g, "")), 0);
    expect(await waitingTotal()).toBe(PEOPLE);

    await region.getByLabel("Anteil freier Termine für Einladungen (%)").fill("50");
    await region.getByRole("button", { name: "Lauf jetzt starten" }).click();
    await region.getByText(/^Lauf \d+ fertig: \d+ eingeladen, \d+ per Brief gebucht\.$/).waitFor({ timeout: 30_000 });

    const [invited] = await s.db.query<{ held: number; booked: number }>(
      `SELECT count(*) FILTER (WHERE status = 'invited')::int AS held, count(*) FILTER (WHERE status = 'booked')::int AS booked
         FROM waitlist_invitation`,
    );
    expect(invited!.held + invited!.booked).toBe(10); // half of 20 free pairs
    await expect.poll(() => fact("Eingeladen, Antwort offen").innerText()).toBe(String(invited!.held));
    expect(await fact("Per Brief fest gebucht").innerText()).toBe(String(invited!.booked));
    expect(await fact("Freie Terminpaare").innerText()).toBe("10");
    expect(await waitingTotal()).toBe(PEOPLE - 10);
    const [run] = await s.db.query<{ seed_hash: string; list_hash: string; seed: string }>(
      `SELECT seed_hash, list_hash, seed FROM invitation_run ORDER BY id DESC LIMIT 1`,
    );
    for (const value of [run!.seed_hash, run!.list_hash, run!.seed]) await region.getByText(value).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "campaign.png"), fullPage: true });

    await region.getByRole("button", { name: "Anhalten" }).click();
    await region.getByText("angehalten", { exact: true }).waitFor();
    expect(await region.getByRole("button", { name: "Lauf jetzt starten" }).isDisabled()).toBe(true);
    const [stored] = await s.db.query<{ paused: boolean }>(
      `SELECT paused FROM campaign_region WHERE region_id = 'westfalen-lippe'`,
    );
    expect(stored!.paused).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
