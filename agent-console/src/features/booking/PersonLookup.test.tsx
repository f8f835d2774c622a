import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { BookingMatch } from "@contracts/console-api.ts";
import { booking } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const match = (over: Partial<BookingMatch> = {}): BookingMatch => ({
  code: "7KQMP2XD9HTA",
  codeFormatted: "7KQM-P2XD-9HTA",
  status: "active",
  name: "Erika Müller",
  birthDate: "1938-03-03",
  postcode: "33330",
  centre: { id: 12, name: "Impfzentrum Gütersloh", city: "Gütersloh" },
  firstStartsAt: "2021-01-26T09:00:00.000Z",
  secondStartsAt: "2021-02-16T09:00:00.000Z",
  ...over,
});

async function openPersonLookup(routes: Routes) {
  const app = await renderApp({ routes });
  await app.user.click(screen.getByRole("button", { name: "Name und Geburtsdatum" }));
  const form = screen.getByRole("form", { name: "Buchung nach Name, Geburtsdatum und Postleitzahl suchen" });
  return { ...app, form };
}

describe("finding a booking by name, birth date and postcode", () => {
  it("when the agent searches, then the matches show code, name, centre and dates, and one opens for cancelling", async () => {
    const { user, api, form } = await openPersonLookup({
      "POST /api/bookings/search": {
        body: {
          bookings: [match(), match({ code: "ABCDEFGHJKMN", codeFormatted: "ABCD-EFGH-JKMN", status: "cancelled" })],
        },
      },
      "GET /api/bookings/7KQMP2XD9HTA": { body: { booking: booking() } },
    });
    await user.type(within(form).getByLabelText("Name"), "erika mueller");
    await user.type(within(form).getByLabelText("Geburtsdatum (TT.MM.JJJJ)"), "03.03.1938");
    await user.type(within(form).getByLabelText("Postleitzahl"), "33330");
    await user.click(within(form).getByRole("button", { name: "Buchung suchen" }));

    const table = await screen.findByRole("table", { name: "Gefundene Buchungen: 2" });
    expect(api.to("POST /api/bookings/search")[0]!.body).toEqual({
      name: "erika mueller",
      birthDate: "1938-03-03",
      postcode: "33330",
    });
    expect(api.requests.filter((r) => r.path.includes("1938"))).toHaveLength(0);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(
        /^7KQM-P2XD-9HTAErika MüllerImpfzentrum Gütersloh, GüterslohDi\., 26\.01\.2021, 10:00 Uhr.*aktiv/,
      ),
      expect.stringMatching(/^ABCD-EFGH-JKMN.*abgesagt/),
    ]);
    await user.click(within(table).getByRole("button", { name: "Buchung 7KQM-P2XD-9HTA öffnen" }));
    expect(await screen.findByRole("heading", { name: "Buchung (aktiv)" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Termine absagen" })).toHaveLength(1);
  });

  it("when a field is missing or the date is impossible, then each says why and nothing is sent", async () => {
    const { user, api, form } = await openPersonLookup({});
    await user.type(within(form).getByLabelText("Geburtsdatum (TT.MM.JJJJ)"), "30.02.1938");
    await user.click(within(form).getByRole("button", { name: "Buchung suchen" }));
    expect(within(form).getByLabelText("Name")).toHaveAccessibleDescription(
      "Bitte den Namen eingeben (mindestens 2 Zeichen).",
    );
    expect(within(form).getByLabelText("Geburtsdatum (TT.MM.JJJJ)")).toHaveAccessibleDescription(
      /Bitte das Geburtsdatum als TT\.MM\.JJJJ eingeben/,
    );
    expect(within(form).getByLabelText("Postleitzahl")).toHaveAttribute("aria-invalid", "true");
    expect(api.to("POST /api/bookings/search")).toHaveLength(0);
  });

  it("when nothing is found or the server refuses, then a plain German message, never raw JSON", async () => {
    const { user, form } = await openPersonLookup({
      "POST /api/bookings/search": [
        { body: { bookings: [] } },
        error(400, "search_invalid", "Bitte geben Sie Name, Geburtsdatum und Postleitzahl an."),
      ],
    });
    await user.type(within(form).getByLabelText("Name"), "Erika Schulz");
    await user.type(within(form).getByLabelText("Geburtsdatum (TT.MM.JJJJ)"), "03.03.1938");
    await user.type(within(form).getByLabelText("Postleitzahl"), "33330");
    await user.click(within(form).getByRole("button", { name: "Buchung suchen" }));
    expect(await screen.findByText(/^Keine Buchung gefunden/)).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Buchung suchen" }));
    expect(await screen.findByText("Bitte geben Sie Name, Geburtsdatum und Postleitzahl an.")).toBeVisible();
    expect(document.body.textContent).not.toMatch(/"code"|search_invalid/);
  });
});
