// The whole console against a mocked server: fetch routes and a fake socket.
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect } from "vitest";
import type { UserView } from "@contracts/console-api.ts";
import { App } from "../app/App.tsx";
import { createI18n, type UiLanguage } from "../i18n.ts";
import { FakeSocket } from "./fake-socket.ts";
import { agent } from "./fixtures.ts";
import { mockApi, type Routes } from "./mock-api.ts";

interface Options {
  /** Signed in as this user (GET /api/auth/me); null: signed out. */
  user?: UserView | null;
  routes?: Routes;
  language?: UiLanguage;
}

/** Routes every signed-in page loads; tests override what they need. */
export const baseRoutes = (user: UserView): Routes => ({
  "GET /api/auth/me": { body: { user } },
  "GET /api/agent/current": { body: { call: null, callback: null } },
  "GET /api/queue": { body: { waiting: 0, longestWaitSeconds: 0, next: null } },
  "GET /api/voice/token": { body: { token: "emulated-token", identity: user.id, ttlSeconds: 3600, mode: "emulator" } },
});

export async function renderApp({ user = agent, routes = {}, language = "de" }: Options = {}) {
  const signedOut: Routes = {
    "GET /api/auth/me": {
      status: 401,
      body: { error: { code: "unauthorized", message: "Bitte melden Sie sich an." } },
    },
  };
  const api = mockApi({ ...(user ? baseRoutes(user) : signedOut), ...routes });
  const socket = new FakeSocket();
  const factory = () => socket.asSocket();
  const i18n = createI18n(language);
  const events = userEvent.setup({ delay: null });
  const view = render(<App i18n={i18n} socketFactory={factory} />);
  if (user) {
    await screen.findByText(user.displayName);
    // Settled: the socket is listened to and the first loads have answered.
    await waitFor(() => expect(socket.listenerCount("call:assigned")).toBe(1));
    await waitFor(() => expect(socket.connected).toBe(true));
    await waitFor(() => expect(api.to("GET /api/agent/current")).toHaveLength(1));
    await act(async () => {});
  } else await screen.findByLabelText(i18n.t("auth.username"));
  return { ...view, api, socket, user: events, i18n };
}
