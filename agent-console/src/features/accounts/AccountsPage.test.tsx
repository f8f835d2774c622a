import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountView } from "@contracts/accounts-api.ts";
import { agent, supervisor } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const account = (over: Partial<AccountView> = {}): AccountView => ({
  id: "anna",
  displayName: "Anna Becker",
  role: "agent",
  state: "offline",
  disabledAt: null,
  createdAt: "2021-01-20T08:00:00.000Z",
  passwordChangedAt: "2021-01-20T08:00:00.000Z",
  ...over,
});
const me = account({ id: supervisor.id, displayName: supervisor.displayName, role: "supervisor" });

async function openAccounts(routes: Routes = {}) {
  window.location.hash = "#/accounts";
  const app = await renderApp({
    user: supervisor,
    routes: { "GET /api/supervisor/accounts": { body: { accounts: [account(), me] } }, ...routes },
  });
  await screen.findByRole("table", { name: "Alle Konten" });
  return app;
}

describe("accounts page", () => {
  afterEach(() => void (window.location.hash = ""));

  it("when an agent opens #/accounts, then access is denied and no account is loaded", async () => {
    window.location.hash = "#/accounts";
    const { api } = await renderApp({ user: agent });
    expect(screen.getByText("Kein Zugriff: Diese Seite ist der Leitung vorbehalten.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Konten" })).not.toBeInTheDocument();
    expect(api.requests.filter((r) => r.pathname.startsWith("/api/supervisor"))).toEqual([]);
  });

  it("when a supervisor adds an agent, then the drawn password is shown once and gone when the dialog closes", async () => {
    const created = account({ id: "dora", displayName: "Dora Klein" });
    const { user, api } = await openAccounts({
      "POST /api/supervisor/accounts": { status: 201, body: { account: created, password: "k7pm-3xqa-9hte-v2rd" } },
    });
    expect(screen.getByRole("link", { name: "Konten" })).toHaveAttribute("aria-current", "page");
    const form = screen.getByRole("region", { name: "Konto anlegen" });
    await user.type(within(form).getByLabelText("Benutzername"), "Dora");
    await user.type(within(form).getByLabelText("Name, wie er angezeigt wird"), "Dora Klein");
    await user.click(within(form).getByRole("button", { name: "Konto anlegen" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Neues Passwort für Dora Klein" });
    expect(within(dialog).getByText("k7pm-3xqa-9hte-v2rd")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Ich habe das Passwort notiert" })).toHaveFocus();
    expect(api.to("POST /api/supervisor/accounts")[0]!.body).toEqual({
      id: "dora",
      displayName: "Dora Klein",
      role: "agent",
    });
    await user.keyboard("{Enter}");
    expect(screen.queryByText("k7pm-3xqa-9hte-v2rd")).not.toBeInTheDocument();
    expect(screen.getByText("Das Konto dora wurde angelegt.")).toBeInTheDocument();
    await waitFor(() => expect(api.to("GET /api/supervisor/accounts")).toHaveLength(2));
  });

  it("when the fields are wrong, then each says why at its field and nothing is sent", async () => {
    const { user, api } = await openAccounts();
    const form = screen.getByRole("region", { name: "Konto anlegen" });
    await user.type(within(form).getByLabelText("Benutzername"), "a b");
    await user.click(within(form).getByLabelText("Passwort selbst festlegen"));
    await user.type(within(form).getByLabelText("Neues Passwort"), "kurz");
    await user.click(within(form).getByRole("button", { name: "Konto anlegen" }));
    expect(within(form).getByLabelText("Benutzername")).toHaveAccessibleDescription(
      /Bitte einen Benutzernamen mit 2 bis 32 Zeichen eingeben/,
    );
    expect(within(form).getByLabelText("Name, wie er angezeigt wird")).toHaveAccessibleDescription(
      "Bitte den Namen eingeben (mindestens 2 Zeichen).",
    );
    expect(within(form).getByLabelText("Neues Passwort")).toHaveAccessibleDescription(
      /Das Passwort muss mindestens 12 Zeichen lang sein/,
    );
    expect(api.to("POST /api/supervisor/accounts")).toHaveLength(0);
  });

  it("when the supervisor sets a new password, then all of it goes in the body and no password is shown", async () => {
    const { user, api } = await openAccounts({
      "POST /api/supervisor/accounts/anna/password": { body: { account: account(), password: null } },
    });
    await user.click(screen.getByRole("button", { name: "Passwort von Anna Becker zurücksetzen" }));
    const dialog = screen.getByRole("dialog", { name: "Passwort von Anna Becker zurücksetzen" });
    expect(within(dialog).getByLabelText("Passwort erzeugen lassen (wird einmal angezeigt)")).toHaveFocus();
    await user.click(within(dialog).getByLabelText("Passwort selbst festlegen"));
    await user.type(within(dialog).getByLabelText("Neues Passwort"), "ein langes Passwort");
    await user.click(within(dialog).getByRole("button", { name: "Passwort zurücksetzen" }));
    expect(
      await screen.findByText(
        "Das neue Passwort von Anna Becker gilt ab sofort; alle bisherigen Sitzungen sind beendet.",
      ),
    ).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/accounts/anna/password")[0]!.body).toEqual({
      password: "ein langes Passwort",
    });
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });

  it("when a supervisor disables an account, then a confirmation comes first; the server's refusal shows in German", async () => {
    const { user, api } = await openAccounts({
      "POST /api/supervisor/accounts/anna/disable": [
        error(409, "account_last_supervisor", "Das letzte aktive Leitungskonto kann nicht gesperrt werden."),
        { body: { account: account({ disabledAt: "2021-01-25T09:00:00.000Z" }), password: null } },
      ],
    });
    // One's own account has no "Sperren".
    expect(screen.queryByRole("button", { name: "Bernd Vogel sperren" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Anna Becker sperren" }));
    const dialog = screen.getByRole("alertdialog", { name: "Anna Becker sperren?" });
    expect(within(dialog).getByRole("button", { name: "Nein, nicht sperren" })).toHaveFocus();
    expect(api.to("POST /api/supervisor/accounts/anna/disable")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Ja, sperren" }));
    expect(await screen.findByText("Das letzte aktive Leitungskonto kann nicht gesperrt werden.")).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Anna Becker sperren" }));
    await user.click(screen.getByRole("button", { name: "Ja, sperren" }));
    expect(await screen.findByText("Anna Becker ist gesperrt und abgemeldet.")).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/accounts/anna/disable")).toHaveLength(2);
  });

  it("when a supervisor gives an agent Turkish, then the languages are posted in the list's order and the table reloads", async () => {
    const { user, api } = await openAccounts({
      "POST /api/supervisor/agents/anna/languages": { body: { user: agent } },
    });
    const table = screen.getByRole("table", { name: "Alle Konten" });
    await user.click(within(table).getByText("Deutsch", { selector: "summary" }));
    const group = within(table).getByRole("group", { name: "Sprachen von Anna Becker" });
    await user.click(within(group).getByRole("checkbox", { name: "Türkisch" }));
    await user.click(within(group).getByRole("button", { name: "Sprachen speichern" }));
    await waitFor(() =>
      expect(api.to("POST /api/supervisor/agents/anna/languages")[0]?.body).toEqual({ languages: ["de", "tr"] }),
    );
    expect(await screen.findByText(/Die Sprachen von Anna Becker sind gespeichert/)).toBeInTheDocument();
    expect(api.to("GET /api/supervisor/accounts")).toHaveLength(2);
  });
});
