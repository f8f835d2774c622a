import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fact, queue } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

const panel = () => screen.getByRole("region", { name: "Warteschlange" });

describe("queue panel", () => {
  it("when the queue loads and then changes, then count and longest wait (mm:ss) follow the socket", async () => {
    const { socket } = await renderApp({ routes: { "GET /api/queue": { body: queue() } } });
    expect(fact(panel(), "Wartende Anrufe")).toBe("7");
    expect(fact(panel(), "Längste Wartezeit")).toBe("12:34");
    expect(fact(panel(), "Als Nächstes")).toBe("Deutsch · Hat die 0 gedrückt und möchte mit einer Person sprechen");

    socket.serverEmit("queue:update", queue({ waiting: 12, longestWaitSeconds: 61, next: null }));
    expect(fact(panel(), "Wartende Anrufe")).toBe("12");
    expect(fact(panel(), "Längste Wartezeit")).toBe("01:01");
  });

  it("when the connection drops and comes back, then the agent is told, and queue and current call are reloaded", async () => {
    const { socket, api } = await renderApp({ routes: { "GET /api/queue": { body: queue() } } });
    socket.drop();
    expect(screen.getByText("Verbindung wird wiederhergestellt …")).toBeVisible();

    socket.queueAck = queue({ waiting: 3 });
    socket.reconnect();

    expect(screen.queryByText("Verbindung wird wiederhergestellt …")).not.toBeInTheDocument();
    expect(socket.emitted.filter((e) => e.event === "queue:subscribe")).toHaveLength(2);
    expect(fact(panel(), "Wartende Anrufe")).toBe("3");
    await vi.waitFor(() => expect(api.to("GET /api/agent/current")).toHaveLength(2));
  });
});
