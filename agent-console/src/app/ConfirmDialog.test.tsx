import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { booking, supervisor } from "../test/fixtures.ts";
import { renderApp } from "../test/render-app.tsx";

describe("modal dialogs", () => {
  it("when the cancel question is open, then Tab and Shift+Tab stay inside it and Escape closes it, focus back on its opener", async () => {
    const { user, api } = await renderApp({
      routes: { "GET /api/bookings/7KQMP2XD9HTA": { body: { booking: booking() } } },
    });
    await user.click(screen.getByRole("button", { name: "Buchungscode" }));
    await user.type(screen.getByRole("textbox", { name: "Buchungscode" }), "7KQM-P2XD-9HTA");
    await user.click(screen.getByRole("button", { name: "Buchung suchen" }));
    const opener = await screen.findByRole("button", { name: "Termine absagen" });
    await user.click(opener);
    const dialog = screen.getByRole("alertdialog", { name: "Termine absagen?" });
    const keep = within(dialog).getByRole("button", { name: "Nein, Termine behalten" });
    const yes = within(dialog).getByRole("button", { name: "Ja, beide Termine absagen" });
    expect(keep).toHaveFocus();

    for (const expected of [yes, keep, yes, keep]) {
      await user.tab();
      expect(expected).toHaveFocus();
    }
    await user.tab({ shift: true });
    expect(yes).toHaveFocus();
    await user.tab({ shift: true });
    expect(keep).toHaveFocus();

    // Focus put behind the dialog anyway (a click, a screen reader) is brought back.
    screen.getByRole("button", { name: "Abmelden" }).focus();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(opener).toHaveFocus();
    expect(api.to("POST /api/bookings/7KQMP2XD9HTA/cancel")).toHaveLength(0);
  });

  it("when an account dialog is open, then Tab cannot leave it and Escape closes it", async () => {
    window.location.hash = "#/accounts";
    const account = {
      id: "anna",
      displayName: "Anna Becker",
      role: "agent",
      state: "offline",
      disabledAt: null,
      createdAt: "2021-01-20T08:00:00.000Z",
      passwordChangedAt: "2021-01-20T08:00:00.000Z",
    };
    const { user } = await renderApp({
      user: supervisor,
      routes: { "GET /api/supervisor/accounts": { body: { accounts: [account] } } },
    });
    await screen.findByRole("table", { name: "Alle Konten" });
    const opener = screen.getByRole("button", { name: /Passwort.*Anna Becker|Anna Becker.*Passwort/ });
    await user.click(opener);
    const dialog = screen.getByRole("dialog");
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(opener).toHaveFocus();
  });
});
