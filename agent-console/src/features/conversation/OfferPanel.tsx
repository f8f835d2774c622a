// A call offered to this agent: it rings (sound, flashing title) with the caller's language
// and reason, how long they waited and how long it still rings, and a large "Annehmen"
// (Alt+A). Not taken in time, the server makes the agent "Nicht bereit (verpasst)" and offers
// the caller to the next agent; this panel then says so.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallContextView, OfferView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { minutesSeconds } from "../../app/format.ts";
import { useNow } from "../../app/use-now.ts";
import { useLabel } from "../../app/use-label.ts";
import { useShortcut } from "../../app/use-shortcut.ts";
import { useWork } from "../../app/work-context.tsx";
import { languageCode } from "../call/call-labels.ts";
import { useRinging } from "./ring.ts";

export function OfferPanel() {
  const { t } = useTranslation();
  const { offer, offerNote } = useWork();
  useRinging(offer ? t("offer.flashTitle") : null);
  if (offer) return <Ringing offer={offer} />;
  if (!offerNote) return null;
  return (
    <p role="alert" className="panel offer-note">
      {t(offerNote === "missed" ? "offer.missed" : "offer.withdrawn")}
    </p>
  );
}

function Ringing({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const api = useApi();
  const label = useLabel();
  const now = useNow(500);
  const { showCall, clearOffer, refresh } = useWork();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));
  const waited = Math.max(0, Math.round((now - Date.parse(offer.enqueuedAt)) / 1000));

  async function accept() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<{ call: CallContextView }>(`/api/offers/${offer.id}/accept`, {});
      clearOffer();
      showCall(result.call);
      refresh();
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }
  useShortcut("a", () => void accept());

  return (
    <section aria-labelledby="offer-heading" className="panel offer" role="alertdialog" aria-live="assertive">
      <h2 id="offer-heading">{t("offer.heading")}</h2>
      <p className="offer-details">
        <strong>{label("language", languageCode(offer.language))}</strong> · {label("reason", offer.reason)}
      </p>
      <p>
        {t("offer.waited", { time: minutesSeconds(waited) })} ·{" "}
        <span role="timer">{t("offer.ringsFor", { seconds: left })}</span>
      </p>
      <button
        type="button"
        className="primary offer-accept"
        onClick={() => void accept()}
        disabled={busy}
        title={t("offer.acceptTitle")}
        aria-keyshortcuts="Alt+A"
        aria-describedby="offer-error"
      >
        {t("offer.accept")}
      </button>
      <ErrorText id="offer-error" message={error} />
    </section>
  );
}
