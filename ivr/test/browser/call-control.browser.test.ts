// Call control in real headless Chromium at 1366×768 against a real server, the emulator
// playing Twilio's conference: the agent holds the caller (music), mutes, and transfers the
// call to a colleague, whose desk pops it; a supervisor listens to a call from the Leitstand
// and whispers, audited. A callback's callee, once answered, is held, muted and transferred
// from the callback panel the same way.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../../src/adapters/telephony/emulated-telephony.ts";
import { conferenceName } from "../../src/domain/agents/call-control.ts";
import { askForAPerson, placeCall } from "../support/phone.ts";
import { givenCentre } from "../support/scenario.ts";
import type { TestServices } from "../support/test-services.ts";
import type { TestServer } from "../support/test-server.ts";
import { HAS_CHROMIUM, openDesk, problemsOf, startBrowserHotline, type BrowserHotline } from "../support/browser.ts";

const ENV = {
  AGENT_ACCOUNTS: [
    "anna:Anna Becker:pw-anna-123",
    "ben:Ben Kaya:pw-ben-123",
    "cem:Cem Yilmaz:pw-cem-123",
    "dora:Dora Nowak:pw-dora-123",
    "emil:Emil Braun:pw-emil-123",
    "fritz:Fritz Wagner:pw-fritz-123",
    "greta:Greta Hahn:pw-greta-123",
  ].join(","),
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  HOTLINE_OPENS: "00:00",
  HOTLINE_CLOSES: "23:59",
};

describe.skipIf(!HAS_CHROMIUM)("call control in Chromium (needs /usr/bin/chromium)", () => {
  let hotline: BrowserHotline | undefined;
  let s: TestServices;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    hotline = await startBrowserHotline(ENV, (services) => givenCentre(services, "Kreis Gütersloh").withFreePairs(4));
    ({ s, server, browser } = hotline);
  });
  afterAll(() => hotline?.close());

  const open = (who: string): Promise<Page> => openDesk({ browser, server }, who);
  const phone = () => server.hotline.telephony as EmulatedTelephony;
  const leg = (callSid: string, label: string) => phone().conferences.get(conferenceName(callSid))?.get(label);
  const status = (page: Page) => page.getByLabel("Status");
  const stateOf = async (who: string) => (await s.db.prisma.agent.findUniqueOrThrow({ where: { id: who } })).state;
  /** The agent goes "Verfügbar", a caller asks for a person, the desk rings and Alt+A takes it. */
  const answer = async (page: Page, who: string) => {
    await status(page).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf(who)).toBe("available");
    const call = await placeCall(server, askForAPerson());
    await page.getByRole("alertdialog", { name: "Eingehender Anruf" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Alt+a");
    await page.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor();
    return call.emulator.identity.callSid;
  };

  // First: the callback rings at the one agent who is "Verfügbar" (later tests leave others so).
  it("when a callback's callee answers, then the callback panel holds, mutes, consults and transfers them cold, and the callback is done", async () => {
    const fritz = await open("fritz");
    await status(fritz).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("fritz")).toBe("available");
    const { request } = await s.callbacks.register({
      phone: "+4952418880099",
      phoneSource: "keyed",
      language: "de",
      reason: "long-wait",
      birthYear: 1936,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    await fritz.getByRole("alertdialog", { name: "Rückruf fällig" }).waitFor({ timeout: 5_000 });
    await fritz.keyboard.press("Alt+a");
    const panel = fritz.getByRole("region", { name: "Rückrufe" });
    await panel.getByText(`Rückruf Nr. ${request.id}`).waitFor();
    // Not connected yet: nothing to hold.
    expect(await panel.getByRole("group", { name: "Gesprächssteuerung" }).count()).toBe(0);
    await panel.getByRole("button", { name: "Anrufen", exact: true }).click();
    const controls = panel.getByRole("group", { name: "Gesprächssteuerung" });
    await controls.waitFor({ timeout: 5_000 });
    const callSid = phone().placed.find((c) => c.to === request.phone)!.callSid;

    await controls.getByRole("button", { name: "Halten" }).click();
    await controls.getByText("Der Anrufer hört die Wartemusik.").waitFor();
    expect(leg(callSid, "caller")).toMatchObject({ hold: true });
    await controls.getByRole("button", { name: "Fortsetzen" }).click();
    await expect.poll(() => leg(callSid, "caller")?.hold).toBe(false);
    await controls.getByRole("button", { name: "Stumm" }).click();
    await expect.poll(() => leg(callSid, "agent-fritz")?.muted).toBe(true);

    const greta = await open("greta");
    await status(greta).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("greta")).toBe("available");
    // A consult first: Greta's desk says she is asked (there is no menu context to pop); ended, it is gone.
    const gretasCall = greta.getByRole("region", { name: "Anrufkontext" });
    await controls.getByRole("button", { name: "Weiterleiten" }).click();
    await controls.getByLabel("Kollegin oder Kollege").selectOption({ label: "Greta Hahn" });
    await controls.getByRole("button", { name: "Rücksprache" }).click();
    await gretasCall.getByText(/^Rücksprache: /).waitFor({ timeout: 5_000 });
    await controls.getByRole("button", { name: "Rücksprache beenden" }).click();
    await gretasCall.getByText("Kein aktiver Anruf.").waitFor({ timeout: 5_000 });
    await expect.poll(() => stateOf("greta")).toBe("available");
    await controls.getByRole("button", { name: "Weiterleiten" }).click();
    await controls.getByLabel("Kollegin oder Kollege").selectOption({ label: "Greta Hahn" });
    await controls.getByRole("button", { name: "Direkt weiterleiten" }).click();

    await fritz.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    // Greta's desk has the callee: no menu facts, but the controls and the way out.
    await gretasCall
      .getByText("Weitergeleitetes Gespräch – keine Angaben aus dem Telefonmenü")
      .waitFor({ timeout: 5_000 });
    await gretasCall.getByRole("group", { name: "Gesprächssteuerung" }).waitFor();
    expect([...phone().conferences.get(conferenceName(callSid))!.keys()]).toEqual(["caller", "agent-greta"]);
    expect(await stateOf("fritz")).toBe("wrap-up");
    // The callee was reached: the callback is done, not left to lapse and be dialled again.
    const [row] = await s.db.query<{ status: string; outcome: string }>(
      "SELECT status, outcome FROM callback_request WHERE id = $1",
      [request.id],
    );
    expect(row).toEqual({ status: "done", outcome: "connected" });

    await gretasCall.getByRole("button", { name: "Gespräch beenden" }).click();
    await greta.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    await expect.poll(() => phone().conferences.get(conferenceName(callSid))?.size ?? 0).toBe(0);
    expect(problemsOf(fritz)).toEqual([]);
    expect(problemsOf(greta)).toEqual([]);
  });

  it("when the agent holds, mutes and transfers the call cold, then the caller hears music, and the colleague's desk has the call", async () => {
    const [anna, ben] = [await open("anna"), await open("ben")];
    const callSid = await answer(anna, "anna");
    const controls = anna.getByRole("group", { name: "Gesprächssteuerung" });

    await controls.getByRole("button", { name: "Halten" }).click();
    await controls.getByText("Der Anrufer hört die Wartemusik.").waitFor();
    expect(leg(callSid, "caller")).toMatchObject({ hold: true });
    await controls.getByRole("button", { name: "Fortsetzen" }).click();
    await expect.poll(() => leg(callSid, "caller")?.hold).toBe(false);
    await controls.getByRole("button", { name: "Stumm" }).click();
    await expect.poll(() => leg(callSid, "agent-anna")?.muted).toBe(true);

    await status(ben).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("ben")).toBe("available");
    await controls.getByRole("button", { name: "Weiterleiten" }).click();
    await controls.getByLabel("Kollegin oder Kollege").selectOption({ label: "Ben Kaya" });
    await controls.getByRole("button", { name: "Direkt weiterleiten" }).click();

    await ben.getByRole("region", { name: "Anrufkontext" }).getByText("Kreis Gütersloh").waitFor({ timeout: 5_000 });
    await anna.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    expect(await stateOf("ben")).toBe("on-call");
    expect(await stateOf("anna")).toBe("wrap-up");
    expect([...phone().conferences.get(conferenceName(callSid))!.keys()]).toEqual(["caller", "agent-ben"]);
    expect(problemsOf(anna)).toEqual([]);
    expect(problemsOf(ben)).toEqual([]);
  });

  it("when the agent consults a colleague first, then the colleague's desk shows the consult, and after the hand-over the call is theirs", async () => {
    const [dora, emil] = [await open("dora"), await open("emil")];
    const callSid = await answer(dora, "dora");
    await status(emil).selectOption({ label: "Verfügbar" });
    await expect.poll(() => stateOf("emil")).toBe("available");
    const controls = dora.getByRole("group", { name: "Gesprächssteuerung" });
    await controls.getByRole("button", { name: "Weiterleiten" }).click();
    await controls.getByLabel("Kollegin oder Kollege").selectOption({ label: "Emil Braun" });
    await controls.getByRole("button", { name: "Rücksprache" }).click();
    await controls.getByText("Rücksprache mit Emil Braun – der Anrufer hört die Wartemusik.").waitFor();
    expect(leg(callSid, "caller")).toMatchObject({ hold: true });
    const emilsCall = emil.getByRole("region", { name: "Anrufkontext" });
    await emilsCall.getByText(/^Rücksprache: /).waitFor({ timeout: 5_000 });
    expect(await emilsCall.getByRole("button", { name: "Gespräch beenden" }).count()).toBe(0);

    await controls.getByRole("button", { name: "Gespräch übergeben" }).click();
    await dora.getByRole("region", { name: "Nachbearbeitung" }).waitFor();
    await emilsCall.getByRole("group", { name: "Gesprächssteuerung" }).waitFor({ timeout: 5_000 });
    await emilsCall.getByRole("button", { name: "Gespräch beenden" }).waitFor();
    expect(leg(callSid, "caller")).toMatchObject({ hold: false });
    expect(await stateOf("emil")).toBe("on-call");
    expect(problemsOf(dora)).toEqual([]);
    expect(problemsOf(emil)).toEqual([]);
  });

  it("when a supervisor listens to a call from the Leitstand and then whispers, then only the agent hears the whisper, and both are audited", async () => {
    const cem = await open("cem");
    const callSid = await answer(cem, "cem");
    const boss = await open("leitung");
    await boss.getByRole("link", { name: "Leitstand" }).click();
    const calls = boss.getByRole("region", { name: "Laufende Gespräche" });
    await calls.waitFor({ timeout: 8_000 });
    await calls.getByRole("button", { name: "Gespräch von Cem Yilmaz mithören" }).click();
    await expect.poll(() => leg(callSid, "agent-leitung")?.muted).toBe(true);
    await calls.getByText("Leitung hört mit").waitFor();
    expect(phone().hearers(conferenceName(callSid), "agent-leitung")).toEqual([]);

    await calls.getByRole("button", { name: "Cem Yilmaz zuflüstern" }).click();
    await expect.poll(() => phone().hearers(conferenceName(callSid), "agent-leitung")).toEqual(["agent-cem"]);
    await calls.getByRole("button", { name: "Verlassen" }).click();
    await expect.poll(() => leg(callSid, "agent-leitung")).toBeUndefined();

    const audit = await s.db.query<{ action: string }>(
      "SELECT action FROM supervisor_action WHERE agent_id = 'leitung' AND details->>'callSid' = $1 ORDER BY id",
      [callSid],
    );
    expect(audit.map((a) => a.action)).toEqual(["monitor.listen", "monitor.whisper", "monitor.end"]);
    expect(problemsOf(boss)).toEqual([]);
  });
});
