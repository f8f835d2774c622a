import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agent, supervisor } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

describe("Leitstand", () => {
  it("when an agent opens #/supervisor, then access is denied and no supervisor API is called", async () => {
    window.location.hash = "#/supervisor";
    const { api } = await renderApp({ user: agent });
    expect(screen.getByText("Kein Zugriff: Diese Seite ist der Leitung vorbehalten.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Leitstand" })).not.toBeInTheDocument();
    expect(api.requests.filter((r) => r.pathname.startsWith("/api/supervisor"))).toEqual([]);
  });

  it("when a supervisor opens it from the header, then the overview's fields show in a table", async () => {
    const { user, api } = await renderApp({
      user: supervisor,
      routes: { "GET /api/supervisor/overview": { body: { agentsAvailable: 3, waiting: 12, serviceLevel: { answeredWithin60s: 0.82 } } } },
    });
    await user.click(screen.getByRole("link", { name: "Leitstand" }));
    const table = await screen.findByRole("table", { name: "Übersicht (vorläufig)" });
    expect(screen.getByRole("row", { name: "agentsAvailable 3" })).toBeInTheDocument();
    expect(screen.getByRole("row", { name: 'serviceLevel {"answeredWithin60s":0.82}' })).toBeInTheDocument();
    expect(table).toBeInTheDocument();
    expect(screen.getByText("Leitung")).toBeInTheDocument();
    expect(api.to("GET /api/supervisor/overview")).toHaveLength(1);
  });
});
