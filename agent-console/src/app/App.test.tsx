import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { supervisorRoutes } from "../features/supervisor/test/fixtures.ts";
import { createI18n } from "../i18n.ts";
import { supervisor } from "../test/fixtures.ts";
import { error, mockApi } from "../test/mock-api.ts";
import { renderApp } from "../test/render-app.tsx";
import { App } from "./App.tsx";

describe("console shell", () => {
  it("when the agent switches to English, then the UI and the API's message language follow", async () => {
    const { user, api } = await renderApp();
    expect(screen.getByText(/Tastenkürzel: Alt\+A Anruf annehmen/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("button", { name: "Next callback" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
    await user.click(screen.getByRole("button", { name: "Next callback" }));
    expect(api.to("POST /api/callbacks/next").at(-1)!.headers["Accept-Language"]).toBe("en");
    expect(localStorage.getItem("agent-console.language")).toBe("en");
  });

  it("when the socket handshake is refused for want of a session, then the session is checked and the login returns", async () => {
    const { socket, api } = await renderApp();
    api.set("GET /api/auth/me", error(401, "unauthenticated", "Bitte melden Sie sich an."));
    socket.refuse("unauthenticated");
    expect(screen.getByText("Verbindung wird wiederhergestellt …")).toBeVisible();
    expect(await screen.findByRole("button", { name: "Anmelden" })).toBeInTheDocument();
  });

  it("when the session is already gone on load, then the login page shows", async () => {
    await renderApp({ user: null });
    expect(screen.getByRole("button", { name: "Anmelden" })).toBeInTheDocument();
  });

  it("when nobody signed in on this browser, then the login shows without asking the server (no 401 in the browser console)", async () => {
    document.cookie = "hotline_signed_in=; path=/; max-age=0";
    const api = mockApi({});
    render(<App i18n={createI18n("de")} />);
    expect(await screen.findByRole("button", { name: "Anmelden" })).toBeInTheDocument();
    expect(api.to("GET /api/auth/me")).toHaveLength(0);
  });

  it("when the server cannot be reached on load, then the plain message and a retry show", async () => {
    mockApi({ "GET /api/auth/me": "network-error" });
    render(<App i18n={createI18n("de")} />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Keine Verbindung zum Server. Bitte versuchen Sie es erneut.",
    );
    expect(screen.getByRole("button", { name: "Erneut versuchen" })).toBeInTheDocument();
  });
});

describe("landing page", () => {
  it("when a supervisor signs in, then the Leitstand opens (not the agent desk), titled as such", async () => {
    const { api } = await renderApp({ user: supervisor, routes: supervisorRoutes() });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Impftermin-Hotline · Leitstand");
    expect(screen.getByRole("link", { name: "Leitstand" })).toHaveAttribute("aria-current", "page");
    expect(document.title).toBe("Impftermin-Hotline · Leitstand");
    await screen.findByRole("heading", { name: "Leitstand", level: 2 });
    // The Leitstand loads its figures; the desk's work is not loaded for it.
    await waitFor(() => expect(api.requests.some((r) => r.pathname.startsWith("/api/supervisor/"))).toBe(true));
  });

  it("when an agent signs in, then the desk opens; a supervisor reaches it through its link", async () => {
    await renderApp();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Impftermin-Hotline · Arbeitsplatz");
    expect(screen.getByRole("link", { name: "Arbeitsplatz" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Arbeitsplatz" })).toHaveAttribute("href", "#/desk");
    expect(screen.queryByRole("link", { name: "Leitstand" })).toBeNull();
  });

  it("when a page is shown, then its footer names only the shortcuts that work there: the desk's on the desk, none on the Leitstand or the lists", async () => {
    await renderApp({ user: supervisor, routes: supervisorRoutes() });
    await screen.findByRole("heading", { name: "Leitstand", level: 2 });
    expect(screen.queryByText(/Tastenkürzel/)).toBeNull();
    expect(screen.queryByText(/Alt\+/)).toBeNull();

    window.location.hash = "#/desk";
    await screen.findByRole("region", { name: "Anrufkontext" });
    expect(screen.getByRole("contentinfo")).toHaveTextContent(
      "Tastenkürzel: Alt+A Anruf annehmen · Alt+B Verbindlich buchen · Alt+N Nächster Rückruf",
    );

    window.location.hash = "#/worklist";
    await waitFor(() => expect(screen.queryByRole("region", { name: "Anrufkontext" })).toBeNull());
    expect(screen.queryByText(/Tastenkürzel/)).toBeNull();
    window.location.hash = "";
  });
});
