// What the desk tells the agent after the booking side acted: errors brought into view and
// focused, the call panel's held pair gone once it was booked or released, centres by name.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { booking, callback, callContext, fact, heldPair, searchResult } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

let scrolled: Element[] = [];
beforeEach(() => {
  scrolled = [];
  // jsdom lays nothing out and has no scrollIntoView: record what asks to be scrolled to.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});
afterEach(() => void delete (Element.prototype as Partial<Element>).scrollIntoView);

const menuHold = heldPair({ expiresAt: new Date(Date.now() + 4 * 60_000).toISOString() });
const withHeldCall = (routes: Routes = {}): Routes => ({
  "GET /api/agent/current": { body: { call: callContext({ heldPair: menuHold }), callback: null } },
  ...routes,
});
const callPanel = () => screen.getByRole("region", { name: "Anrufkontext" });
const personForm = () => screen.getByRole("form", { name: "Person" });

describe("booking feedback", () => {
  it("when the hold ran out as the agent books, then 'Reservierung abgelaufen' is scrolled into view and focused", async () => {
    const { user } = await renderApp({
      routes: withHeldCall({
        "GET /api/search": { body: searchResult() },
        "POST /api/bookings": error(
          409,
          "hold_expired",
          "Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin erneut.",
        ),
      }),
    });
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.click(
      within(screen.getByRole("form", { name: "Termine suchen" })).getByRole("button", { name: "Suchen" }),
    );
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));

    const message = await screen.findByText("Die Reservierung ist abgelaufen. Bitte wählen Sie den Termin erneut.");
    expect(message).toHaveAttribute("role", "alert");
    expect(message).toHaveFocus();
    expect(scrolled).toContain(message);
  });

  it("when the server refuses the booking, then its message under the button is brought into view and focused too", async () => {
    const { user } = await renderApp({
      routes: withHeldCall({
        "POST /api/bookings": error(409, "already_booked", "Für diese Person gibt es schon eine Buchung."),
      }),
    });
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    const message = await screen.findByText("Für diese Person gibt es schon eine Buchung.");
    expect(message).toHaveFocus();
    expect(scrolled).toContain(message);
  });

  it("when the menu's held pair is booked, then the call panel no longer counts it down", async () => {
    const { user } = await renderApp({
      routes: withHeldCall({ "POST /api/bookings": { body: { booking: booking() } } }),
    });
    await waitFor(() => expect(fact(callPanel(), "Reservierte Termine")).toMatch(/läuft ab in/));
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    await screen.findByRole("group", { name: "Buchungscode: 7 K Q M, P 2 X D, 9 H T A" });
    await waitFor(() => expect(fact(callPanel(), "Reservierte Termine")).toBe("keine"));
  });

  it("when the menu's held pair is released, then the call panel no longer shows it", async () => {
    const { user } = await renderApp({
      routes: withHeldCall({ [`DELETE /api/holds/${menuHold.holdId}`]: { status: 204 } }),
    });
    await waitFor(() => expect(fact(callPanel(), "Reservierte Termine")).toMatch(/läuft ab in/));
    await user.click(screen.getByRole("button", { name: "Freigeben" }));
    await waitFor(() => expect(fact(callPanel(), "Reservierte Termine")).toBe("keine"));
  });

  it("when a callback's pair is held at another centre than the search shows, then the centre has its name, not a number", async () => {
    const held = heldPair({ centreId: 28, expiresAt: new Date(Date.now() + 86_000_000).toISOString() });
    const { user } = await renderApp({
      routes: {
        "GET /api/agent/current": {
          body: {
            call: null,
            callback: callback({
              context: { postcode: "44135", centre: { id: 28, name: "Impfzentrum Dortmund" }, heldPair: held },
              heldPair: { holdId: held.holdId, expiresAt: held.expiresAt },
            }),
          },
        },
        "POST /api/holds": { body: heldPair({ centreId: 30, centreName: "Impfzentrum Frankfurt am Main" }) },
        "GET /api/search": { body: searchResult() },
      },
    });
    const card = await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    expect(card).toHaveTextContent("Impfzentrum Dortmund");
    expect(card).toHaveTextContent("läuft ab in 23 Std. 53 Min.");
    expect(document.body).not.toHaveTextContent(/Impfzentrum Nr\./);

    // A pair held from a search: the server's answer names its centre.
    await user.click(
      within(screen.getByRole("form", { name: "Termine suchen" })).getByRole("button", { name: "Suchen" }),
    );
    await user.click(await screen.findByRole("button", { name: "Terminpaar ab Di., 26.01.2021, 10:30 Uhr halten" }));
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "Reserviertes Terminpaar" })).toHaveTextContent(
        "Impfzentrum Frankfurt am Main",
      ),
    );
    expect(document.body).not.toHaveTextContent(/Impfzentrum Nr\./);
  });
});
