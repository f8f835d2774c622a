import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agent } from "../../test/fixtures.ts";
import { baseRoutes, renderApp } from "../../test/render-app.tsx";
import { error } from "../../test/mock-api.ts";

describe("login", () => {
  it("when the credentials are right, then the desk opens with name, role and state", async () => {
    const { user, api } = await renderApp({
      user: null,
      routes: {
        ...baseRoutes(agent),
        "GET /api/auth/me": error(401, "unauthorized", "Bitte melden Sie sich an."),
        "POST /api/auth/login": { body: { user: agent } },
      },
    });
    await user.type(screen.getByLabelText("Benutzername"), "anna");
    await user.type(screen.getByLabelText("Passwort"), "geheim");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    expect(await screen.findByText("Anna Schmidt")).toBeInTheDocument();
    expect(screen.getByText("Agent:in")).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Verfügbar");
    expect(api.to("POST /api/auth/login")[0]!.body).toEqual({ username: "anna", password: "geheim" });
  });

  it("when the credentials are wrong, then the server's German message shows next to the form", async () => {
    const { user } = await renderApp({
      user: null,
      routes: { "POST /api/auth/login": error(401, "invalid_credentials", "Benutzername oder Passwort ist falsch.") },
    });
    await user.type(screen.getByLabelText("Benutzername"), "anna");
    await user.type(screen.getByLabelText("Passwort"), "falsch");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    const message = await screen.findByRole("alert");
    expect(message).toHaveTextContent("Benutzername oder Passwort ist falsch.");
    expect(screen.getByLabelText("Passwort")).toHaveAccessibleDescription("Benutzername oder Passwort ist falsch.");
    expect(screen.queryByText("Anna Schmidt")).not.toBeInTheDocument();
  });

  it("when the server cannot be reached, then a plain German message shows, no raw error", async () => {
    const { user } = await renderApp({ user: null, routes: { "POST /api/auth/login": "network-error" } });
    await user.type(screen.getByLabelText("Benutzername"), "anna");
    await user.type(screen.getByLabelText("Passwort"), "geheim");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Keine Verbindung zum Server. Bitte versuchen Sie es erneut.",
    );
  });

  it("when the fields are empty, then nothing is sent and the agent is told what is missing", async () => {
    const { user, api } = await renderApp({ user: null });
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Bitte Benutzername und Passwort eingeben.");
    expect(api.to("POST /api/auth/login")).toHaveLength(0);
  });

  it("when the agent signs out, then the server is told and the login page returns", async () => {
    const { user, api } = await renderApp({ routes: { "POST /api/auth/logout": { status: 204 } } });
    await user.click(screen.getByRole("button", { name: "Abmelden" }));
    expect(await screen.findByLabelText("Benutzername")).toBeInTheDocument();
    expect(api.to("POST /api/auth/logout")).toHaveLength(1);
  });

  it("when the agent picks 'Nicht bereit' with a reason, then both are sent and the header shows the answer", async () => {
    const { user, api } = await renderApp({
      routes: {
        "POST /api/agent/state": {
          body: {
            user: { ...agent, state: "break", notReadyReason: "training", stateSince: new Date().toISOString() },
          },
        },
      },
    });
    await user.selectOptions(screen.getByLabelText("Status"), "Nicht bereit (Schulung)");
    expect(api.to("POST /api/agent/state")[0]!.body).toEqual({ state: "break", reason: "training" });
    // The header follows the server's answer, which arrives after the selection, with the time in the state.
    await waitFor(() => expect(screen.getByLabelText("Status")).toHaveDisplayValue("Nicht bereit (Schulung)"));
    expect(screen.getByText(/^seit/)).toHaveTextContent(/^seit 00:0\d$/);
  });
});
