import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CallControlView } from "@contracts/call-control.ts";
import { callContext } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

const call = callContext();
const base = `/api/calls/${call.callSid}`;
const view = (overrides: Partial<CallControlView> = {}): { body: { control: CallControlView } } => ({
  body: {
    control: {
      callSid: call.callSid,
      agentId: "u-agent-1",
      held: false,
      muted: false,
      consult: null,
      monitors: [],
      ...overrides,
    },
  },
});
const controls = () => screen.findByRole("group", { name: "Gesprächssteuerung" });

describe("call controls", () => {
  it("when the agent holds and mutes, then the server is told and the buttons say what pressing them again does", async () => {
    const { api, user } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call, callback: null } },
        [`GET ${base}/control`]: view(),
        [`POST ${base}/hold`]: view({ held: true }),
        [`POST ${base}/mute`]: view({ held: true, muted: true }),
      },
    });
    const group = await controls();
    await user.click(within(group).getByRole("button", { name: "Halten" }));
    expect(api.to(`POST ${base}/hold`)[0]!.body).toEqual({ held: true });
    await within(group).findByText("Der Anrufer hört die Wartemusik.");
    expect(within(group).getByRole("button", { name: "Fortsetzen" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(group).getByRole("button", { name: "Stumm" }));
    expect(api.to(`POST ${base}/mute`)[0]!.body).toEqual({ muted: true });
    await within(group).findByRole("button", { name: "Mikrofon an" });
  });

  it("when the state changes on another screen, then the buttons follow the server's push without a reload", async () => {
    const { socket } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call, callback: null } },
        [`GET ${base}/control`]: view(),
      },
    });
    const group = await controls();
    expect(within(group).getByRole("button", { name: "Halten" })).toBeInTheDocument();
    // Another call's change is not this desk's.
    socket.serverEmit("call:control", { ...view({ held: true }).body.control, callSid: "CAother" });
    expect(within(group).getByRole("button", { name: "Halten" })).toBeInTheDocument();
    socket.serverEmit(
      "call:control",
      view({ held: true, monitors: [{ agentId: "u-boss", mode: "listen" }] }).body.control,
    );
    expect(await within(group).findByRole("button", { name: "Fortsetzen" })).toHaveAttribute("aria-pressed", "true");
    expect(within(group).getByText("Der Anrufer hört die Wartemusik.")).toBeInTheDocument();
  });

  it("when the agent consults a colleague and hands the call over, then the desk goes to wrap-up", async () => {
    const { api, user } = await renderApp({
      routes: {
        "GET /api/agent/current": { body: { call, callback: null } },
        [`GET ${base}/control`]: view(),
        [`GET ${base}/transfer-targets`]: {
          body: {
            targets: [
              { id: "ben", name: "Ben Kaya", role: "agent" },
              { id: "leitung", name: "Sabine Leitner", role: "supervisor" },
            ],
          },
        },
        [`POST ${base}/transfer`]: view({ held: true, consult: { agentId: "leitung" } }),
        [`POST ${base}/transfer/complete`]: view({ agentId: "leitung" }),
      },
    });
    const group = await controls();
    await user.click(within(group).getByRole("button", { name: "Weiterleiten" }));
    await user.selectOptions(await within(group).findByLabelText("Kollegin oder Kollege"), "Sabine Leitner (Leitung)");
    await user.click(within(group).getByRole("button", { name: "Rücksprache" }));
    expect(api.to(`POST ${base}/transfer`)[0]!.body).toEqual({ to: "leitung", mode: "warm" });
    await within(group).findByText("Rücksprache mit Sabine Leitner – der Anrufer hört die Wartemusik.");
    await user.click(within(group).getByRole("button", { name: "Gespräch übergeben" }));
    expect(api.to(`POST ${base}/transfer/complete`)).toHaveLength(1);
    await screen.findByText("Gespräch beendet – Nachbearbeitung");
  });
});
