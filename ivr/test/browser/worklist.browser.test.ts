// The agents' worklist ("Nacharbeit") and the day's letters in real Chromium at 1366×768, with
// the keyboard alone: an agent opens the oldest entry, the recording is there to play, an
// incomplete form is refused in plain German with focus on the message, a complete one is
// saved, the recording deleted, and the letter of that booking goes into today's batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../../src/adapters/telephony/emulated-telephony.ts";
import { addDays, berlinDate } from "../../src/domain/time/berlin.ts";
import { HAS_CHROMIUM, signIn, startBrowserHotline, watchConsole, type BrowserHotline } from "../support/browser.ts";
import { givenCentre, person } from "../support/scenario.ts";

const ENV = { AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123" };
const NAME_RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE00000000000000000000000000000001";
const STREET_RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE00000000000000000000000000000002";

describe.skipIf(!HAS_CHROMIUM)("the worklist and the letters in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let personId = 0;
  let code = "";

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, async (s) => {
      const day = addDays(berlinDate(new Date()), 3);
      const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(1, { day });
      const [pair] = await s.ledger.freePairs(centre.id, { limit: 1 });
      const booked = await s.ledger.book({
        firstSlotId: pair!.firstSlotId,
        person: person(0, { name: "Platzhalter Name", birthDate: "1936-04-12", postcode: "33330" }),
        channel: "phone",
      });
      code = booked.code;
      const row = await s.db.prisma.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
      personId = row.personId;
      // As a landline call whose caller said nothing at the name and the street leaves it.
      await s.db.prisma.person.update({
        where: { id: personId },
        data: {
          name: null,
          nameSource: "recording",
          nameRecordingUrl: NAME_RECORDING,
          letter: true,
          street: null,
          city: null,
          addressRecordingUrl: STREET_RECORDING,
        },
      });
    });
  });
  afterAll(() => hotline?.close());

  it("when an agent types name and address from the recordings, then they are stored, the recordings deleted, and the letter batched", async () => {
    const { browser, server, s } = hotline!;
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, server.url, "anna", "pw-anna-123");
    await page.getByRole("link", { name: "Nacharbeit" }).click();
    await page.getByRole("heading", { name: "Nacharbeit: Namen und Adressen" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "12.04.1936" });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Name[^]*Adresse für den Brief/);

    await row.getByRole("button", { name: "Bearbeiten" }).focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: `Buchung ${code}` });
    await form.waitFor();
    // Focus moves to the form's heading, so a screen reader and the keyboard start there.
    expect(await page.evaluate<string | undefined>("document.activeElement?.id")).toBe("worklist-form-heading");
    // Both recordings are offered, played through the server (the session cookie is enough).
    expect(await form.locator("audio").count()).toBe(2);
    const source = await form.locator("audio").first().getAttribute("src");
    const audio = await page.request.get(new URL(source!, server.url).toString());
    expect(audio.status()).toBe(200);
    expect(audio.headers()["content-type"]).toMatch(/^audio\//);

    // The name alone is not enough for a letter: a plain German message, nothing saved.
    await form.getByLabel("Vor- und Nachname").fill("Erika Schäfer");
    await page.keyboard.press("Enter");
    await expect.poll(() => form.getByText(/Straße mit Hausnummer und Ort/).count()).toBe(1);
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).name).toBeNull();

    await form.getByLabel("Straße und Hausnummer").fill("Lindenstraße 9");
    const city = form.getByLabel("Ort (PLZ 33330)");
    if ((await city.evaluate((el) => el.tagName)) === "SELECT") await city.selectOption("Gütersloh");
    else await city.fill("Gütersloh");
    await form.getByRole("button", { name: "Speichern und Aufnahme löschen" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(`Gespeichert: Buchung ${code}. Die Aufnahme ist gelöscht.`).waitFor();
    await page.getByText("Es gibt nichts nachzuarbeiten.").waitFor();

    expect(await s.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({
      name: "Erika Schäfer",
      nameSource: "typed",
      street: "Lindenstraße 9",
      city: "Gütersloh",
      nameRecordingUrl: null,
      addressRecordingUrl: null,
      checkedBy: "anna",
    });
    const deleted = (server.hotline.telephony as EmulatedTelephony).deletedRecordings;
    expect(deleted).toEqual(expect.arrayContaining([NAME_RECORDING, STREET_RECORDING]));

    // Now complete, the booking's letter goes into today's batch, and the PDF opens.
    await page.getByRole("button", { name: "Briefe von heute zusammenstellen" }).click();
    await page.getByText(/^1 neue Briefe, 1 im Stapel von heute\. 0 warten noch/).waitFor();
    const link = page.getByRole("link", { name: /^Stapel vom \d\d\.\d\d\.\d{4} als PDF öffnen \(1 Briefe\)$/ });
    const href = await link.getAttribute("href");
    const pdf = await page.request.get(new URL(href!, server.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // The page fits the desk's screen: no horizontal scrolling at 1366 px.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1366);
    expect(problems).toEqual([]);
    await context.close();
  });
});
