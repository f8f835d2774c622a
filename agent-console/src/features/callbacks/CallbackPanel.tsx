// The callback worklist: live counts, "Nächster Rückruf" (Alt+N), the callback's context,
// dialling, and the outcome.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useSocketEvent } from "../../app/socket-context.tsx";
import { useLabel } from "../../app/use-label.ts";
import { useShortcut } from "../../app/use-shortcut.ts";
import { useWork } from "../../app/work-context.tsx";
import { nextCallback, orderedCounts } from "./callbacks-api.ts";
import { CurrentCallback } from "./CurrentCallback.tsx";

export function CallbackPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const label = useLabel();
  const { call, callEnded, callback, setCallback, offer, conversation, refresh } = useWork();
  // One conversation at a time: no callback while a call is on, rings, or is wrapped up.
  const busyElsewhere = (call !== null && !callEnded) || offer !== null || conversation !== null;
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useSocketEvent("callbacks:update", setCounts);

  async function next() {
    if (busy || callback || busyElsewhere) return;
    setBusy(true);
    setMessage(null);
    try {
      setCallback(await nextCallback(api));
    } catch (e) {
      setMessage(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }
  useShortcut("n", () => void next());

  function lost(text: string) {
    setCallback(null);
    setMessage(text);
  }

  function recorded(result: CallbackView) {
    setCallback(null);
    setMessage(t("callbacks.recorded", { status: label("callbackStatus", result.status) }));
    refresh();
  }

  return (
    <section aria-labelledby="callbacks-heading" className="panel callbacks">
      <h2 id="callbacks-heading">{t("callbacks.heading")}</h2>
      {counts && (
        <ul className="counts" aria-label={t("callbacks.countsLabel")}>
          {orderedCounts(counts).map(([key, value]) => (
            <li key={key}>
              {label("callbackCount", key)}: <strong>{value}</strong>
            </li>
          ))}
        </ul>
      )}
      {callback ? (
        <CurrentCallback callback={callback} onRecorded={recorded} onLost={lost} />
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void next()}
          disabled={busy || busyElsewhere}
          title={t("callbacks.nextTitle")}
          aria-keyshortcuts="Alt+N"
          aria-describedby="callbacks-message"
        >
          {t("callbacks.next")}
        </button>
      )}
      <p id="callbacks-message" role="status">
        {message}
      </p>
    </section>
  );
}
