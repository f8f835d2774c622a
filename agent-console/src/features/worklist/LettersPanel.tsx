// The day's confirmation letters: gather what is due into today's print batch, then open it as
// one PDF. Letters wait until their name and address are typed (the list above).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { dateText } from "../../app/format.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";

interface Gathered {
  day: string;
  added: number;
  total: number;
  waitingForDetails: number;
}

export function LettersPanel() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [batch, setBatch] = useState<Gathered | null>(null);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const [busy, setBusy] = useState(false);

  const gather = async () => {
    setBusy(true);
    try {
      const result = await api.post<Gathered>("/api/letters/batch", {});
      setBatch(result);
      setMessage({ kind: "success", text: t("letters.gathered", { ...result }) });
    } catch (error) {
      setMessage({ kind: "error", text: errorMessage(error, t("letters.failed")) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="letters-heading" className="letters-panel">
      <h3 id="letters-heading">{t("letters.heading")}</h3>
      <p>{t("letters.intro")}</p>
      <button type="button" onClick={() => void gather()} disabled={busy}>
        {t("letters.gather")}
      </button>
      <Outcome id="letters-outcome" message={message} />
      {batch && batch.total > 0 && (
        <p>
          <a href={`/api/letters/${batch.day}`} target="_blank" rel="noopener">
            {t("letters.open", { count: batch.total, day: dateText(batch.day, i18n.language) })}
          </a>
        </p>
      )}
    </section>
  );
}
