import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderApp } from "../../test/render-app.tsx";

const startTwilioDevice = vi.hoisted(() => vi.fn());
vi.mock("./twilio-device.ts", () => ({ startTwilioDevice }));

describe("softphone", () => {
  it("when the server runs the emulator, then a note explains it and the Twilio SDK is never loaded", async () => {
    await renderApp();
    expect(await screen.findByRole("heading", { name: "Telefon (Emulator)" })).toBeInTheDocument();
    expect(screen.getByText(/der emulierte Anrufer mit Ihnen verbunden/)).toBeInTheDocument();
    expect(startTwilioDevice).not.toHaveBeenCalled();
  });

  it("when the server runs Twilio, then the device is started with the token", async () => {
    startTwilioDevice.mockResolvedValue({ stop: vi.fn() });
    const token = { token: "jwt", identity: "u-agent-1", ttlSeconds: 3600, mode: "twilio" };
    await renderApp({ routes: { "GET /api/voice/token": { body: token } } });
    await vi.waitFor(() =>
      expect(startTwilioDevice).toHaveBeenCalledWith(token, expect.any(Function), expect.any(Function)),
    );
    expect(screen.getByRole("heading", { name: "Telefon" })).toBeInTheDocument();
  });
});
