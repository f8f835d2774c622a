// A call or a due callback offered to this agent: it rings (sound, flashing title) with the
// caller's language and reason, how long they waited (or when they asked to be called back) and
// how long it still rings, and a large "Annehmen" (Alt+A). An accepted callback is the agent's
// to dial ("Anrufen" in the callback panel). Not taken in time, the server makes the agent
// "Nicht bereit (verpasst)" and offers it to the next agent; this panel then says so.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView, CallContextView, OfferView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { dateTimeText, minutesSeconds } from "../../app/format.ts";
import { useNow } from "../../app/use-now.ts";
import { useLabel } from "../../app/use-label.ts";
import { useShortcut } from "../../app/use-shortcut.ts";
import { useWork } from "../../app/work-context.tsx";
import { languageCode } from "../call/call-labels.ts";
import { useRinging } from "./ring.ts";

/** `onAccepted`: where the taken call goes on (from another page: the desk, where it is worked). */
export function OfferPanel({ onAccepted }: { onAccepted?: () => void } = {}) {
  const { t } = useTranslation();
  const { offer, offerNote } = useWork();
  useRinging(offer ? t(offer.kind === "callback" ? "offer.callbackFlashTitle" : "offer.flashTitle") : null);
  if (offer) return <Ringing offer={offer} onAccepted={onAccepted} />;
  if (!offerNote) return null;
  const callback = offerNote.kind === "callback";
  const key =
    offerNote.how === "missed"
      ? callback
        ? "offer.callbackMissed"
        : "offer.missed"
      : callback
        ? "offer.callbackWithdrawn"
        : "offer.withdrawn";
  return (
    <p role="alert" className="panel offer-note">
      {t(key)}
    </p>
  );
}

function Ringing({ offer, onAccepted }: { offer: OfferView; onAccepted?: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const label = useLabel();
  const now = useNow(500);
  const { showCall, setCallback, clearOffer, refresh } = useWork();
  const isCallback = offer.kind === "callback";
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));
  const waited = Math.max(0, Math.round((now - Date.parse(offer.enqueuedAt)) / 1000));

  async function accept() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<{ call?: CallContextView; callback?: CallbackView }>(
        `/api/offers/${offer.id}/accept`,
        {},
      );
      clearOffer();
      if (result.call) showCall(result.call);
      if (result.callback) setCallback(result.callback);
      refresh();
      onAccepted?.();
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }
  useShortcut("a", () => void accept());

  return (
    <section aria-labelledby="offer-heading" className="panel offer" role="alertdialog" aria-live="assertive">
      <h2 id="offer-heading">{t(isCallback ? "offer.callbackHeading" : "offer.heading")}</h2>
      <p className="offer-details">
        <strong>{label("language", languageCode(offer.language))}</strong> · {label("reason", offer.reason)}
      </p>
      <p>
        {isCallback
          ? t("offer.requested", { time: dateTimeText(offer.enqueuedAt, i18n.language) })
          : t("offer.waited", { time: minutesSeconds(waited) })}{" "}
        · <span role="timer">{t("offer.ringsFor", { seconds: left })}</span>
      </p>
      <button
        type="button"
        className="primary offer-accept"
        onClick={() => void accept()}
        disabled={busy}
        title={t(isCallback ? "offer.callbackAcceptTitle" : "offer.acceptTitle")}
        aria-keyshortcuts="Alt+A"
        aria-describedby="offer-error"
      >
        {t("offer.accept")}
      </button>
      <ErrorText id="offer-error" message={error} />
    </section>
  );
}
