// The real softphone (Twilio Voice SDK), loaded only in "twilio" mode: the SDK is imported
// lazily, so the emulator and the tests never load it. The token is renewed before it runs out.
import type { Device } from "@twilio/voice-sdk";

export interface VoiceToken {
  token: string;
  identity: string;
  ttlSeconds: number;
  mode: "twilio" | "emulator";
}

export interface SoftphoneHandle {
  stop(): void;
}

type Status = "registering" | "ready" | "in-call" | "error";

export async function startTwilioDevice(
  first: VoiceToken,
  fetchToken: () => Promise<VoiceToken>,
  onStatus: (status: Status) => void,
): Promise<SoftphoneHandle> {
  const { Device: DeviceClass } = await import("@twilio/voice-sdk");
  const device: Device = new DeviceClass(first.token, { closeProtection: true });
  let timer: ReturnType<typeof setTimeout> | undefined;

  const scheduleRefresh = (ttlSeconds: number) => {
    clearTimeout(timer);
    // Renew a minute early (or at 80 % of a short lifetime).
    const inSeconds = Math.max(10, Math.min(ttlSeconds - 60, ttlSeconds * 0.8));
    timer = setTimeout(() => void refresh(), inSeconds * 1000);
  };
  const refresh = async () => {
    try {
      const next = await fetchToken();
      device.updateToken(next.token);
      scheduleRefresh(next.ttlSeconds);
    } catch {
      onStatus("error");
      scheduleRefresh(70);
    }
  };

  device.on("registered", () => onStatus("ready"));
  device.on("error", () => onStatus("error"));
  device.on("tokenWillExpire", () => void refresh());
  // The server bridges a caller to this agent after "Anruf annehmen": accept it.
  device.on("incoming", (call: { accept(): void; on(event: string, fn: () => void): void }) => {
    call.on("disconnect", () => onStatus("ready"));
    call.accept();
    onStatus("in-call");
  });
  onStatus("registering");
  await device.register();
  scheduleRefresh(first.ttlSeconds);
  return {
    stop() {
      clearTimeout(timer);
      device.destroy();
    },
  };
}
