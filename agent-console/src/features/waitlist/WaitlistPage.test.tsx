import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { WaitlistEntryView } from "@contracts/waitlist-api.ts";
import { agent } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

const entry = (over: Partial<WaitlistEntryView> = {}): WaitlistEntryView => ({
  id: 3,
  registrationNumber: "4815162342",
  name: "Erna Schulte",
  birthDate: "1931-07-14",
  postcode: "33330",
  street: null,
  city: "Gütersloh",
  phone: "+4915112340000",
  relation: "child",
  language: "de",
  regionId: "westfalen-lippe",
  preferredCentreId: null,
  timeOfDay: "morning",
  needs: { wheelchair: true, companion: false, interpreter: false, homeVisit: false },
  consentCalls: true,
  consentSms: false,
  shortNotice: false,
  priorityGroup: 2,
  status: "waiting",
  source: "agent",
  registeredAt: "2021-01-25T08:15:00.000Z",
  ...over,
});

/** The waiting-list page with registration answered, and the form's name, birth date and postcode typed. */
async function openRegisterForm() {
  window.location.hash = "#/waitlist";
  const rendered = await renderApp({
    user: agent,
    routes: {
      "GET /api/waitlist/duplicates": { body: { items: [] } },
      "POST /api/waitlist": { status: 201, body: { entry: entry(), created: true, possibleDuplicates: 0 } },
    },
  });
  const form = await screen.findByRole("form", { name: "Eintragen" });
  await rendered.user.type(within(form).getByLabelText("Vor- und Nachname"), "Erna Schulte");
  await rendered.user.type(within(form).getByLabelText("Geburtsdatum"), "1931-07-14");
  await rendered.user.type(within(form).getByLabelText("PLZ"), "33330");
  return { ...rendered, form };
}

describe("waiting list page", () => {
  afterEach(() => void (window.location.hash = ""));

  it("when an agent registers a caller's mother, then the registration number is shown in groups to read out", async () => {
    const { user, api, form } = await openRegisterForm();
    await user.type(within(form).getByLabelText("Telefon für Rückfragen"), "+49 151 12340000");
    await user.selectOptions(within(form).getByLabelText("Wer meldet an?"), "child");
    await user.selectOptions(within(form).getByLabelText("Tageszeit"), "morning");
    await user.click(within(form).getByLabelText("Rollstuhl"));
    await user.click(within(form).getByLabelText("Einverstanden mit Anrufen"));
    await user.click(within(form).getByRole("button", { name: "Eintragen" }));
    expect(await within(form).findByText("Eingetragen. Registriernummer: 481 516 234 2")).toBeInTheDocument();
    expect(api.to("POST /api/waitlist")[0]?.body).toMatchObject({
      name: "Erna Schulte",
      birthDate: "1931-07-14",
      postcode: "33330",
      phone: "+4915112340000",
      relation: "child",
      timeOfDay: "morning",
      wheelchair: true,
      consentCalls: true,
      consentSms: false,
      shortNotice: false,
    });
    expect(screen.queryByRole("heading", { name: "Einladungsläufe" })).not.toBeInTheDocument();
  });

  it("when the caller can come at short notice, then the agent ticks it and the registration carries the opt-in for the standby list", async () => {
    const { user, api, form } = await openRegisterForm();
    await user.type(within(form).getByLabelText("Telefon für Rückfragen"), "05241 123456");
    await user.click(within(form).getByLabelText("Einverstanden mit Anrufen"));
    const shortNotice = within(form).getByLabelText("Kann kurzfristig kommen (übrige Impfdosen, Anruf am selben Tag)");
    expect(shortNotice).not.toBeChecked();
    await user.click(shortNotice);
    await user.click(within(form).getByRole("button", { name: "Eintragen" }));
    expect(await within(form).findByText("Eingetragen. Registriernummer: 481 516 234 2")).toBeInTheDocument();
    expect(api.to("POST /api/waitlist")[0]?.body).toMatchObject({ consentCalls: true, shortNotice: true });
  });

  it("when an agent looks a registration number up, then the entry's details show and short notice can be switched on", async () => {
    window.location.hash = "#/waitlist";
    const { user, api } = await renderApp({
      user: agent,
      routes: {
        "GET /api/waitlist/duplicates": { body: { items: [] } },
        "GET /api/waitlist/entries/4815162342": [
          { body: { entry: entry(), invitations: [] } },
          { body: { entry: entry({ shortNotice: true }), invitations: [] } },
        ],
        "POST /api/waitlist/3/short-notice": { body: { entryId: 3, shortNotice: true } },
      },
    });
    const panel = await screen.findByRole("region", { name: "Registriernummer nachschlagen" });
    await user.type(within(panel).getByLabelText("Registriernummer"), "481 516 234 2");
    await user.click(within(panel).getByRole("button", { name: "Suchen" }));
    const details = await within(panel).findByLabelText("Angaben auf der Warteliste");
    const text = details.textContent ?? "";
    expect(text).toContain("14.07.1931");
    expect(text).toContain("33330 Gütersloh");
    expect(text).toContain("+4915112340000 (Sohn oder Tochter)");
    expect(text).toContain("Rollstuhl");
    expect(text).toMatch(/Kurzfristig erreichbar\s*nein/);
    await user.click(within(panel).getByRole("button", { name: "Kurzfristig einschalten" }));
    expect(api.to("POST /api/waitlist/3/short-notice")[0]?.body).toEqual({ shortNotice: true });
    expect(await within(panel).findByRole("button", { name: "Kurzfristig ausschalten" })).toBeInTheDocument();
    expect(within(panel).getByLabelText("Angaben auf der Warteliste").textContent).toMatch(
      /Kurzfristig erreichbar\s*ja/,
    );
  });
});
