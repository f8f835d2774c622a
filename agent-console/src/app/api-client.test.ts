import { describe, expect, it, vi } from "vitest";
import { ApiRequestError, createApiClient } from "./api-client.ts";

const messages = () => ({
  network: "Keine Verbindung zum Server. Bitte versuchen Sie es erneut.",
  unexpected: "Es ist ein Fehler aufgetreten.",
});
const client = (fetch: typeof globalThis.fetch) => createApiClient({ language: () => "de", messages, fetch });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe("api client", () => {
  it("when the server answers with a typed error, then the error carries its code and German message", async () => {
    const api = client(async () =>
      json(409, { error: { code: "slot_taken", message: "Dieser Termin wurde gerade vergeben.", slotId: 5 } }),
    );
    const error = await api.post("/api/holds", { firstSlotId: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 409,
      code: "slot_taken",
      message: "Dieser Termin wurde gerade vergeben.",
      detail: { slotId: 5 },
    });
    expect((error as ApiRequestError).is("slot_taken", "hold_expired")).toBe(true);
  });

  it("when the network fails, then the plain German message is used", async () => {
    const api = client(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.get("/api/queue")).rejects.toMatchObject({
      code: "network",
      message: "Keine Verbindung zum Server. Bitte versuchen Sie es erneut.",
    });
  });

  it("when a proxy answers with HTML, then no raw body reaches the agent", async () => {
    const api = client(async () => new Response("<html>Bad Gateway</html>", { status: 502 }));
    await expect(api.get("/api/queue")).rejects.toMatchObject({
      code: "unexpected",
      message: "Es ist ein Fehler aufgetreten.",
    });
  });

  it("when a request is sent, then it is JSON with cookies and asks for messages in the UI language", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    await expect(client(fetch).post("/api/auth/logout")).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith(
      "/api/auth/logout",
      expect.objectContaining({ method: "POST", credentials: "same-origin", body: "{}" }),
    );
    const headers = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers as Record<string, string>;
    expect(headers).toMatchObject({ "Content-Type": "application/json", "Accept-Language": "de" });
  });

  it("when the session is gone (401), then listeners hear it, except for the login itself", async () => {
    const api = client(async () =>
      json(401, { error: { code: "unauthorized", message: "Bitte melden Sie sich an." } }),
    );
    const listener = vi.fn();
    api.onUnauthorized(listener);
    await api.get("/api/queue").catch(() => undefined);
    await api.post("/api/auth/login", {}).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
