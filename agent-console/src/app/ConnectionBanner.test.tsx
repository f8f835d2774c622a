import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createI18n } from "../i18n.ts";
import { FakeSocket } from "../test/fake-socket.ts";
import { agent } from "../test/fixtures.ts";
import { mockApi } from "../test/mock-api.ts";
import { baseRoutes, renderApp } from "../test/render-app.tsx";
import { App } from "./App.tsx";

describe("connection banner", () => {
  it("when the socket drops and comes back, then the banner shows while it is away and goes afterwards", async () => {
    const { socket } = await renderApp();
    const banner = document.querySelector<HTMLElement>(".banner")!;
    socket.drop();
    expect(screen.getByText("Verbindung wird wiederhergestellt …")).toBeVisible();
    socket.reconnect();
    await waitFor(() => expect(screen.queryByText("Verbindung wird wiederhergestellt …")).toBeNull());
    expect(banner).not.toBeVisible();
  });

  it("when the first load found no server and the socket then connects, then 'Keine Verbindung' goes away", async () => {
    const api = mockApi({
      ...baseRoutes(agent),
      "GET /api/agent/current": ["network-error", { body: { call: null, callback: null } }],
    });
    const socket = new FakeSocket();
    // The first connection attempt goes nowhere (the server is away), as a real socket's would.
    vi.spyOn(socket, "connect").mockImplementationOnce(() => socket);
    render(<App i18n={createI18n("de")} socketFactory={() => socket.asSocket()} />);
    expect(await screen.findByText(/Der aktuelle Anruf konnte nicht geladen werden: Keine Verbindung/)).toBeVisible();

    socket.reconnect();
    await waitFor(() => expect(screen.queryByText(/Keine Verbindung/)).toBeNull());
    expect(api.to("GET /api/agent/current")).toHaveLength(2);
  });
});
