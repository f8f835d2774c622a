// The agent's telephone. Emulator: a note that answering bridges the emulated caller (no
// audio). Twilio: a registered Voice SDK device, loaded on demand.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import type { VoiceToken } from "./twilio-device.ts";

export const DEVICE_STATUSES = ["registering", "ready", "in-call", "error"] as const;
type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export function Softphone() {
  const { t } = useTranslation();
  const api = useApi();
  const [token, setToken] = useState<VoiceToken | null>(null);
  const [status, setStatus] = useState<DeviceStatus>("registering");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.get<VoiceToken>("/api/voice/token").then(
      (answer) => live && setToken(answer),
      (e: unknown) => live && setError(errorMessage(e, t("errors.unexpected"))),
    );
    return () => void (live = false);
  }, [api, t]);

  const mode = token?.mode;
  useEffect(() => {
    if (mode !== "twilio" || !token) return;
    let handle: { stop(): void } | undefined;
    let live = true;
    import("./twilio-device.ts")
      .then(({ startTwilioDevice }) =>
        startTwilioDevice(
          token,
          () => api.get<VoiceToken>("/api/voice/token"),
          (s) => live && setStatus(s),
        ),
      )
      .then((h) => (live ? (handle = h) : h.stop()))
      .catch(() => live && setStatus("error"));
    return () => {
      live = false;
      handle?.stop();
    };
    // The device is set up once per mode; later tokens arrive through its own refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  return (
    <section aria-labelledby="phone-heading" className="panel softphone">
      <h2 id="phone-heading">{mode === "emulator" ? t("phone.emulatorHeading") : t("phone.heading")}</h2>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {mode === "emulator" && <p>{t("phone.emulatorText")}</p>}
      {mode === "twilio" && <p role="status">{t(`phone.status.${status}`)}</p>}
      {token && <p className="hint">{t("phone.identity", { identity: token.identity })}</p>}
    </section>
  );
}
