import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { supervisorRoutes } from "../supervisor/test/fixtures.ts";
import { agent, callContext, fact, offer, supervisor, wrapUp } from "../../test/fixtures.ts";
import { error } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const ringing = () => screen.getByRole("alertdialog", { name: "Eingehender Anruf" });

describe("offered calls and wrap-up", () => {
  it("when a call is offered, then the desk rings with language and reason, the title flashes, and Alt+A accepts it", async () => {
    const call = callContext();
    const { user, api, socket } = await renderApp({
      routes: { "POST /api/offers/17/accept": { body: { call } } },
    });
    const title = document.title;
    socket.serverEmit("offer:new", offer());
    expect(within(ringing()).getByText("Türkisch")).toBeInTheDocument();
    expect(ringing()).toHaveTextContent("Hat die 0 gedrückt und möchte mit einer Person sprechen");
    expect(within(ringing()).getByRole("timer")).toHaveTextContent(/klingelt noch 1[0-5] s/);
    await waitFor(() => expect(document.title).toBe("☎ Anruf – bitte annehmen"), { timeout: 2000 });
    expect(within(ringing()).getByRole("button", { name: "Annehmen" })).toHaveAttribute("aria-keyshortcuts", "Alt+A");

    await user.keyboard("{Alt>}a{/Alt}");

    const context = screen.getByRole("region", { name: "Anrufkontext" });
    expect(await within(context).findByText("Eingehender Anruf")).toBeInTheDocument();
    expect(fact(context, "Sprache")).toBe("Türkisch");
    expect(api.to("POST /api/offers/17/accept")).toHaveLength(1);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(document.title).toBe(title);
    // One conversation at a time: no callback while on the call.
    expect(screen.getByRole("button", { name: "Nächster Rückruf" })).toBeDisabled();
  });

  it("when the offer rings out, then the agent reads that they are 'Nicht bereit (verpasst)'", async () => {
    const { socket } = await renderApp();
    socket.serverEmit("offer:new", offer());
    socket.serverEmit("offer:ended", { id: 17, how: "missed" });
    socket.serverEmit("agent:state", {
      agentId: agent.id,
      state: "break",
      since: new Date().toISOString(),
      notReadyReason: "missed",
    });
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Ihr Status ist jetzt „Nicht bereit (verpasst)“");
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Nicht bereit (verpasst)");
  });

  it("when the accept comes too late, then the server's message shows under the button", async () => {
    const { user, socket } = await renderApp({
      routes: {
        "POST /api/offers/17/accept": error(409, "offer_gone", "Dieser Anruf wird Ihnen nicht mehr angeboten."),
      },
    });
    socket.serverEmit("offer:new", offer());
    await user.click(within(ringing()).getByRole("button", { name: "Annehmen" }));
    expect(await within(ringing()).findByRole("alert")).toHaveTextContent("nicht mehr angeboten");
  });

  it("when 'Gebucht' is chosen without a booking, then the server's refusal shows; extending works once", async () => {
    const { user, api } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call: null, callback: null, offer: null, conversation: wrapUp() } },
        "POST /api/wrap-up": error(409, "booking_missing", "„Gebucht“ geht nur mit einer Buchung aus diesem Gespräch."),
        "POST /api/wrap-up/extend": { body: { conversation: wrapUp({ wrapUpExtended: true }) } },
      },
    });
    const wrap = await screen.findByRole("region", { name: "Nachbearbeitung" });
    expect(within(wrap).getByRole("timer")).toHaveTextContent(/^Noch 0[01]:\d\d, dann sind Sie wieder verfügbar$/);
    await user.click(within(wrap).getByRole("button", { name: "Abschließen" }));
    expect(within(wrap).getByRole("alert")).toHaveTextContent("Bitte wählen Sie ein Ergebnis.");
    await user.click(within(wrap).getByRole("radio", { name: "Gebucht" }));
    await user.click(within(wrap).getByRole("button", { name: "Abschließen" }));
    expect(await within(wrap).findByText(/geht nur mit einer Buchung/)).toBeInTheDocument();
    await user.click(within(wrap).getByRole("button", { name: "Verlängern" }));
    expect(await within(wrap).findByRole("button", { name: "Schon verlängert" })).toBeDisabled();
    expect(api.to("POST /api/wrap-up/extend")).toHaveLength(1);
  });

  it("when a call is offered to someone on another page (a supervisor 'Verfügbar' on the Leitstand), then it rings there and Alt+A takes it to the desk", async () => {
    const call = callContext();
    const { user, api, socket } = await renderApp({
      user: { ...supervisor, state: "available" },
      routes: {
        ...supervisorRoutes(),
        // The desk's reload after the accept finds the call the server now has for them.
        "GET /api/agent/current": [{ body: { call: null, callback: null } }, { body: { call, callback: null } }],
        "POST /api/offers/17/accept": { body: { call } },
      },
    });
    await screen.findByRole("heading", { name: "Leitstand", level: 2 });
    socket.serverEmit("offer:new", offer());
    expect(within(ringing()).getByText("Türkisch")).toBeInTheDocument();

    await user.keyboard("{Alt>}a{/Alt}");

    expect(api.to("POST /api/offers/17/accept")).toHaveLength(1);
    const context = await screen.findByRole("region", { name: "Anrufkontext" });
    expect(await within(context).findByText("Eingehender Anruf")).toBeInTheDocument();
    expect(window.location.hash).toBe("#/desk");
    expect(screen.queryByRole("heading", { name: "Leitstand", level: 2 })).toBeNull();
    window.location.hash = "";
  });
});
