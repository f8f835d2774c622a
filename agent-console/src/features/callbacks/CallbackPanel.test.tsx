import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CallControlView } from "@contracts/call-control.ts";
import { callback, fact, wrapUp } from "../../test/fixtures.ts";
import { error } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const panel = () => screen.getByRole("region", { name: "Rückrufe" });

describe("callback worklist", () => {
  it("when no callback is due, then the agent is told so plainly", async () => {
    const { user } = await renderApp({
      routes: { "POST /api/callbacks/next": error(404, "no_callback_due", "Zurzeit ist kein Rückruf fällig.") },
    });
    await user.click(within(panel()).getByRole("button", { name: "Nächster Rückruf" }));
    expect(await within(panel()).findByText("Zurzeit ist kein Rückruf fällig.")).toBeInTheDocument();
  });

  it("when Alt+N takes the next callback, then its context shows and dialling sends the token", async () => {
    const cb = callback();
    const { user, api } = await renderApp({
      routes: {
        "POST /api/callbacks/next": { body: { callback: cb } },
        "POST /api/callbacks/41/dial": { body: { callSid: "CAdial1" } },
      },
    });
    expect(within(panel()).getByRole("button", { name: "Nächster Rückruf" })).toHaveAttribute(
      "title",
      "Nächster Rückruf (Alt+N)",
    );
    await user.keyboard("{Alt>}n{/Alt}");

    await within(panel()).findByRole("heading", { name: "Rückruf Nr. 41" });
    expect(fact(panel(), "Telefon")).toBe("+49 69 9876543");
    expect(fact(panel(), "Sprache")).toBe("Polnisch");
    expect(fact(panel(), "Grund")).toBe("Wartet auf neue Termine (kein Impfstoff frei)");
    expect(fact(panel(), "Bisherige Versuche")).toBe("2");
    expect(fact(panel(), "Geburtsjahr")).toBe("1935");
    expect(fact(panel(), "Hat einen Buchungscode")).toBe("Nein");
    expect(fact(panel(), "Erster Kontakt")).toBe("Mo., 25.01.2021, 08:45 Uhr");
    expect(fact(panel(), "Erreichbar")).toBe("Mi., 27.01.2021, 09:00 Uhr – Mi., 27.01.2021, 12:00 Uhr");
    expect(fact(panel(), "Notizen")).toBe("Tochter nimmt ab");
    expect(fact(panel(), "Reservierte Termine")).toBe("keine");
    expect(api.to("POST /api/callbacks/next")[0]!.body).toEqual({});

    await user.click(within(panel()).getByRole("button", { name: "Anrufen" }));
    expect(await within(panel()).findByText("+49 69 9876543 wird angerufen …")).toBeInTheDocument();
    expect(api.to("POST /api/callbacks/41/dial")[0]!.body).toEqual({ token: cb.token });
  });

  it("when the outcome is 'call again later', then token, notes and the Berlin time with offset are posted", async () => {
    const cb = callback();
    const { user, api } = await renderApp({
      routes: {
        // After the outcome the desk reloads its work: the callback is done, its wrap-up runs.
        "GET /api/agent/current": [
          { body: { call: null, callback: cb } },
          { body: { call: null, callback: null, offer: null, conversation: wrapUp({ kind: "callback" }) } },
        ],
        "POST /api/callbacks/41/outcome": { body: { callback: { ...cb, status: "pending" } } },
      },
    });
    const outcome = await within(panel()).findByRole("group", { name: "Ergebnis des Rückrufs" });
    await user.click(within(outcome).getByRole("button", { name: "Später erneut anrufen" }));
    expect(within(outcome).getByLabelText(/^Erneut anrufen am/)).toHaveAccessibleDescription(
      "Bitte Datum und Uhrzeit für den erneuten Anruf angeben (TT.MM.JJJJ HH:MM).",
    );
    expect(api.to("POST /api/callbacks/41/outcome")).toHaveLength(0);

    await user.type(within(outcome).getByLabelText("Notiz"), "Tochter ruft zurück, ab 14 Uhr");
    const when = within(outcome).getByLabelText(/^Erneut anrufen am/);
    expect(when).toHaveAttribute("type", "text");
    await user.type(when, "28.01.2021 14:30");
    await user.click(within(outcome).getByRole("button", { name: "Später erneut anrufen" }));

    await waitFor(() => expect(api.to("POST /api/callbacks/41/outcome")).toHaveLength(1));
    expect(api.to("POST /api/callbacks/41/outcome")[0]!.body).toEqual({
      token: cb.token,
      outcome: "call-again",
      notes: "Tochter ruft zurück, ab 14 Uhr",
      callAgainAt: "2021-01-28T14:30:00+01:00",
    });
    expect(await within(panel()).findByText("Ergebnis gespeichert. Stand: wartet")).toBeInTheDocument();
    expect(within(panel()).getByRole("button", { name: "Nächster Rückruf" })).toBeInTheDocument();
  });

  it("when the outcome is 'no answer', then only token and outcome are posted (only after the dial)", async () => {
    const cb = { ...callback(), status: "dialling" };
    const { user, api } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call: null, callback: cb } },
        "POST /api/callbacks/41/outcome": { body: { callback: { ...cb, status: "pending" } } },
      },
    });
    await user.click(await within(panel()).findByRole("button", { name: "Nicht erreicht" }));
    await waitFor(() =>
      expect(api.to("POST /api/callbacks/41/outcome")[0]?.body).toEqual({ token: cb.token, outcome: "no-answer" }),
    );
  });

  it("when counts arrive over the socket, then they show with German labels", async () => {
    const { socket } = await renderApp();
    socket.serverEmit("callbacks:update", { done: 7, awaiting: 120, due: 4, somethingNew: 1 });
    const counts = within(panel()).getByRole("list", { name: "Rückrufe nach Stand" });
    expect(
      within(counts)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Fällig: 4", "Warten auf Impfstoff: 120", "Erledigt: 7", "somethingNew: 1"]);
  });

  it("when the claim was lost meanwhile, then the callback is dropped with the server's message", async () => {
    const cb = callback();
    const { user } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call: null, callback: cb } },
        "POST /api/callbacks/41/outcome": error(
          409,
          "claim_lost",
          "Dieser Rückruf ist Ihnen nicht mehr zugeordnet. Bitte holen Sie den nächsten.",
        ),
      },
    });
    await user.click(await within(panel()).findByRole("button", { name: "Abgelehnt" }));
    expect(
      await within(panel()).findByText("Dieser Rückruf ist Ihnen nicht mehr zugeordnet. Bitte holen Sie den nächsten."),
    ).toBeInTheDocument();
    expect(within(panel()).getByRole("button", { name: "Nächster Rückruf" })).toBeInTheDocument();
  });

  it("when the server moves the agent's state (dial, outcome), then the header follows", async () => {
    const { socket } = await renderApp();
    socket.serverEmit("agent:state", { agentId: "someone-else", state: "break", since: "2021-01-25T08:00:00Z" });
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Verfügbar");
    socket.serverEmit("agent:state", { agentId: "u-agent-1", state: "wrap-up", since: "2021-01-25T08:00:00Z" });
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Nachbearbeitung");
  });

  it("when the dialled callee answers, then the callback has the inbound call's controls: hold, mute and a transfer that ends in wrap-up", async () => {
    const cb = { ...callback(), status: "dialling" };
    // Claimed and dialled, not answered yet: the conversation has no call of its own.
    const talking = wrapUp({ kind: "callback", callbackId: 41, endedAt: null, wrapUpUntil: null, callSid: null });
    const base = "/api/calls/CAcallee1";
    const control = (overrides: Partial<CallControlView> = {}) => ({
      body: {
        control: {
          callSid: "CAcallee1",
          agentId: "u-agent-1",
          held: false,
          muted: false,
          consult: null,
          monitors: [],
          ...overrides,
        },
      },
    });
    const { user, api, socket } = await renderApp({
      routes: {
        "GET /api/agent/current": [
          { body: { call: null, callback: cb, offer: null, conversation: talking } },
          // After the transfer: the callback is the colleague's call now, this desk wraps up.
          {
            body: {
              call: null,
              callback: null,
              offer: null,
              conversation: wrapUp({ kind: "callback", callbackId: 41 }),
            },
          },
        ],
        [`GET ${base}/control`]: control(),
        [`POST ${base}/hold`]: control({ held: true }),
        [`POST ${base}/mute`]: control({ held: true, muted: true }),
        [`GET ${base}/transfer-targets`]: { body: { targets: [{ id: "ben", name: "Ben Kaya", role: "agent" }] } },
        [`POST ${base}/transfer`]: control({ agentId: "ben" }),
      },
    });
    await within(panel()).findByRole("heading", { name: "Rückruf Nr. 41" });
    expect(within(panel()).queryByRole("group", { name: "Gesprächssteuerung" })).toBeNull();

    socket.serverEmit("conversation:update", { ...talking, callSid: "CAcallee1" });
    const group = await within(panel()).findByRole("group", { name: "Gesprächssteuerung" });
    await user.click(within(group).getByRole("button", { name: "Halten" }));
    expect(api.to(`POST ${base}/hold`)[0]!.body).toEqual({ held: true });
    await within(group).findByText("Der Anrufer hört die Wartemusik.");
    await user.click(within(group).getByRole("button", { name: "Stumm" }));
    expect(api.to(`POST ${base}/mute`)[0]!.body).toEqual({ muted: true });
    await within(group).findByRole("button", { name: "Mikrofon an" });

    await user.click(within(group).getByRole("button", { name: "Weiterleiten" }));
    await user.selectOptions(await within(group).findByLabelText("Kollegin oder Kollege"), "Ben Kaya");
    await user.click(within(group).getByRole("button", { name: "Direkt weiterleiten" }));
    expect(api.to(`POST ${base}/transfer`)[0]!.body).toEqual({ to: "ben", mode: "cold" });
    await screen.findByRole("region", { name: "Nachbearbeitung" });
    await waitFor(() => expect(within(panel()).queryByRole("heading", { name: "Rückruf Nr. 41" })).toBeNull());
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Nachbearbeitung");
  });

  it("when the callback's conversation has ended, then its controls are gone", async () => {
    const cb = { ...callback(), status: "dialling" };
    await renderApp({
      routes: {
        "GET /api/agent/current": {
          body: {
            call: null,
            callback: cb,
            offer: null,
            conversation: wrapUp({ kind: "callback", callbackId: 41, callSid: "CAcallee1" }),
          },
        },
      },
    });
    await within(panel()).findByRole("heading", { name: "Rückruf Nr. 41" });
    expect(within(panel()).queryByRole("group", { name: "Gesprächssteuerung" })).toBeNull();
  });
});
