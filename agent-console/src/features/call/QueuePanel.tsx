// Callers waiting for a person: count and longest wait, live over the socket. Nobody takes
// a caller from here: calls are offered to the agent idle longest (see OfferPanel).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { QueueSummary } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { minutesSeconds } from "../../app/format.ts";
import { useSocket, useSocketEvent } from "../../app/socket-context.tsx";
import { useLabel } from "../../app/use-label.ts";
import { languageCode } from "./call-labels.ts";

export function QueuePanel() {
  const { t } = useTranslation();
  const api = useApi();
  const label = useLabel();
  const { socket, connects } = useSocket();
  const [summary, setSummary] = useState<QueueSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      <ErrorText id="queue-error" message={error} />
    </section>
  );
}
