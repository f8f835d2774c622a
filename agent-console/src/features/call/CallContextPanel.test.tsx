import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agent, callContext, fact, wrapUp, heldPair } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

const region = () => screen.getByRole("region", { name: "Anrufkontext" });

describe("call context panel", () => {
  it("when a call is current on load, then every field of the context shows in German", async () => {
    const call = callContext({ heldPair: heldPair() });
    await renderApp({ routes: { "GET /api/agent/current": { body: { call, callback: null } } } });
    const panel = await screen.findByRole("region", { name: "Anrufkontext" });
    await within(panel).findByText("Eingehender Anruf");

    expect(fact(panel, "Sprache")).toBe("Türkisch");
    expect(fact(panel, "Telefon")).toBe("+49 5241 123456");
    expect(fact(panel, "Postleitzahl")).toBe("33330");
    expect(fact(panel, "Kreis")).toBe("Kreis Gütersloh");
    expect(fact(panel, "Impfzentrum")).toBe("Impfzentrum Gütersloh");
    expect(fact(panel, "Geburtsjahr")).toBe("1938");
    expect(fact(panel, "Geburtsdatum")).toBe("03.03.1938");
    expect(fact(panel, "Reservierte Termine")).toMatch(
      /^1\. Impfung: Di\., 26\.01\.2021, 10:00 Uhr2\. Impfung: Di\., 16\.02\.2021, 10:00 UhrReservierung: läuft ab in 0[45]:\d\d$/,
    );
    // The hold's countdown and the talk time.
    expect(within(panel).getAllByRole("timer")).toHaveLength(2);
    expect(within(panel).getByText(/^Gesprächsdauer/)).toBeInTheDocument();
    expect(fact(panel, "Grund für die Weiterleitung")).toBe("Buchung im Sprachmenü nicht möglich");
    expect(fact(panel, "Wartezeit")).toBe("3 Min. 20 Sek.");
    expect(fact(panel, "In der Warteschlange seit")).toBe("Mo., 25.01.2021, 09:02 Uhr");
    const steps = within(panel)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(steps).toEqual(
      expect.arrayContaining([
        "Begrüßung",
        "Hauptmenü",
        "Geburtsjahr",
        "Postleitzahl (2×)",
        "Terminangebot",
        "Weiterleitung",
      ]),
    );
  });

  it("when the menu learned little, then the gaps are named and no field is blank", async () => {
    const call = callContext({
      phone: null,
      postcode: null,
      district: null,
      centre: null,
      birthYear: null,
      birthDate: null,
      path: [],
      reason: "pressed-0",
      waitedSeconds: 45,
      language: "ar",
    });
    await renderApp({ routes: { "GET /api/agent/current": { body: { call, callback: null } } } });
    const panel = await screen.findByRole("region", { name: "Anrufkontext" });
    await within(panel).findByText("Arabisch");
    expect(fact(panel, "Telefon")).toBe("Rufnummer unterdrückt");
    expect(fact(panel, "Postleitzahl")).toBe("nicht bekannt");
    expect(fact(panel, "Reservierte Termine")).toBe("keine");
    expect(fact(panel, "Grund für die Weiterleitung")).toBe("Hat die 0 gedrückt und möchte mit einer Person sprechen");
    expect(fact(panel, "Wartezeit")).toBe("45 Sek.");
  });

  it("when a call is assigned over the socket, then it pops at once and is announced politely", async () => {
    const { socket } = await renderApp();
    expect(within(region()).getByText("Kein aktiver Anruf.")).toBeInTheDocument();

    socket.serverEmit("call:assigned", callContext({ language: "de", reason: "long-wait", waitedSeconds: 600 }));

    expect(fact(region(), "Sprache")).toBe("Deutsch");
    expect(fact(region(), "Wartezeit")).toBe("10 Min.");
    const live = region().querySelector("[aria-live='polite']");
    expect(live).toHaveTextContent("Neuer Anruf: Deutsch. Lange Wartezeit, Rückruf gewünscht");
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Im Gespräch");
  });

  it("when the agent ends the call, then the server is told, wrap-up starts with the context kept, and finishing it clears the desk", async () => {
    const call = callContext();
    const { user, api } = await renderApp({
      routes: {
        "GET /api/agent/current": [
          { body: { call, callback: null } },
          { body: { call: null, callback: null, offer: null, conversation: wrapUp() } },
        ],
        [`POST /api/calls/${call.callSid}/end`]: { status: 204 },
        "POST /api/wrap-up": { body: { user: { ...agent, state: "available" } } },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Gespräch beenden" }));

    expect(await within(region()).findByText("Gespräch beendet – Nachbearbeitung")).toBeInTheDocument();
    expect(api.to(`POST /api/calls/${call.callSid}/end`)).toHaveLength(1);
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Nachbearbeitung");
    expect(fact(region(), "Sprache")).toBe("Türkisch");

    const wrap = await screen.findByRole("region", { name: "Nachbearbeitung" });
    await user.click(within(wrap).getByRole("radio", { name: "Nur Auskunft" }));
    await user.type(within(wrap).getByLabelText("Notiz"), "Fragte nach dem Impfstoff");
    await user.click(within(wrap).getByRole("button", { name: "Abschließen" }));
    expect(api.to("POST /api/wrap-up")[0]!.body).toEqual({ outcome: "information", note: "Fragte nach dem Impfstoff" });
    expect(await within(region()).findByText("Kein aktiver Anruf.")).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Verfügbar");
  });

  it("when the caller hangs up, then the context says the call ended", async () => {
    const call = callContext();
    const { socket } = await renderApp({ routes: { "GET /api/agent/current": { body: { call, callback: null } } } });
    await within(region()).findByText("Eingehender Anruf");
    socket.serverEmit("call:ended", { callSid: call.callSid });
    expect(within(region()).getByText("Gespräch beendet – Nachbearbeitung")).toBeInTheDocument();
  });

  it("when a colleague hands over a callback's callee (no menu context), then the desk has the call's controls and can end it", async () => {
    const sid = "CAcallee1";
    const handed = wrapUp({ kind: "call", callSid: sid, endedAt: null, wrapUpUntil: null });
    const { user, api } = await renderApp({
      routes: {
        "GET /api/agent/current": [
          { body: { call: null, callback: null, offer: null, conversation: handed } },
          { body: { call: null, callback: null, offer: null, conversation: wrapUp({ callSid: sid }) } },
        ],
        [`GET /api/calls/${sid}/control`]: {
          body: {
            control: { callSid: sid, agentId: "u-agent-1", held: false, muted: false, consult: null, monitors: [] },
          },
        },
        [`POST /api/calls/${sid}/end`]: { status: 204 },
      },
    });
    await within(region()).findByText("Weitergeleitetes Gespräch – keine Angaben aus dem Telefonmenü");
    await within(region()).findByRole("group", { name: "Gesprächssteuerung" });
    await user.click(within(region()).getByRole("button", { name: "Gespräch beenden" }));
    expect(api.to(`POST /api/calls/${sid}/end`)).toHaveLength(1);
    await screen.findByRole("region", { name: "Nachbearbeitung" });
    expect(within(region()).getByText("Kein aktiver Anruf.")).toBeInTheDocument();
  });

  it("when a colleague consults this desk about a callback's callee (no menu context), then it says so until the consult ends", async () => {
    const { socket } = await renderApp();
    const view = { callSid: "CAcallee2", agentId: "ben", held: true, muted: false, monitors: [] };
    socket.serverEmit("call:control", { ...view, consult: { agentId: agent.id } });
    expect(await within(region()).findByText(/^Rücksprache: Eine Kollegin oder ein Kollege/)).toBeInTheDocument();
    // Another call's news changes nothing here.
    socket.serverEmit("call:control", { ...view, callSid: "CAother", consult: null });
    expect(within(region()).getByText(/^Rücksprache: /)).toBeInTheDocument();
    socket.serverEmit("call:control", { ...view, held: false, consult: null });
    expect(await within(region()).findByText("Kein aktiver Anruf.")).toBeInTheDocument();
  });
});
