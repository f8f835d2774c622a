// Callers waiting for a person: count and longest wait, live over the socket, and the
// button (Alt+A) that takes the next one.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallContextView, QueueSummary } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { minutesSeconds } from "../../app/format.ts";
import { useSocket, useSocketEvent } from "../../app/socket-context.tsx";
import { useLabel } from "../../app/use-label.ts";
import { useShortcut } from "../../app/use-shortcut.ts";
import { useWork } from "../../app/work-context.tsx";
import { languageCode } from "./call-labels.ts";

export function QueuePanel() {
  const { t } = useTranslation();
  const api = useApi();
  const label = useLabel();
  const { socket, connects } = useSocket();
  const { call, callEnded, showCall } = useWork();
  const [summary, setSummary] = useState<QueueSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onCall = call !== null && !callEnded;

  useEffect(() => {
    api
      .get<QueueSummary>("/api/queue")
      .then(setSummary, (e: unknown) => setError(errorMessage(e, t("errors.unexpected"))));
  }, [api, t]);
  useEffect(() => {
    if (!socket || connects === 0) return;
    socket.emit("queue:subscribe", (answer) => "waiting" in answer && setSummary(answer));
  }, [socket, connects]);
  useSocketEvent("queue:update", setSummary);

  async function answer() {
    if (busy || onCall) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<{ call: CallContextView }>("/api/calls/answer", {});
      showCall(result.call);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }
  useShortcut("a", () => void answer());

  return (
    <section aria-labelledby="queue-heading" className="panel">
      <h2 id="queue-heading">{t("queue.heading")}</h2>
      <dl className="facts">
        <dt>{t("queue.waiting")}</dt>
        <dd data-testid="queue-waiting">{summary ? summary.waiting : "–"}</dd>
        <dt>{t("queue.longestWait")}</dt>
        <dd>{summary ? minutesSeconds(summary.longestWaitSeconds) : "–"}</dd>
        {summary?.next && (
          <>
            <dt>{t("queue.next")}</dt>
            <dd>
              {label("language", languageCode(summary.next.language))} · {label("reason", summary.next.reason)}
            </dd>
          </>
        )}
      </dl>
      <button
        type="button"
        className="primary"
        onClick={() => void answer()}
        disabled={busy || onCall}
        title={t("queue.answerTitle")}
        aria-keyshortcuts="Alt+A"
        aria-describedby="queue-error"
      >
        {t("queue.answer")}
      </button>
      <ErrorText id="queue-error" message={error} />
    </section>
  );
}
