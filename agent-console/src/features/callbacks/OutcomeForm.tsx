// How the callback went. "Später erneut anrufen" needs a date and time, typed TT.MM.JJJJ HH:MM
// like every date in the console (no browser picker with its own order and seven tab stops),
// read as Berlin time and sent as ISO with its offset.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView } from "@contracts/console-api.ts";
import { ApiRequestError, errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { germanDateTimeToIso } from "../../app/format.ts";
import { CALLBACK_OUTCOMES, recordOutcome, type CallbackOutcome, type OutcomeBody } from "./callbacks-api.ts";

interface Props {
  callback: CallbackView;
  /** "Nicht erreicht" only after a dial. */
  dialled: boolean;
  onRecorded(result: CallbackView): void;
  /** The claim went to someone else (lease ran out): the callback is no longer ours. */
  onLost(message: string): void;
}

export function OutcomeForm({ callback, dialled, onRecorded, onLost }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [notes, setNotes] = useState("");
  const [callAgain, setCallAgain] = useState("");
  const [timeError, setTimeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function record(outcome: CallbackOutcome) {
    setError(null);
    setTimeError(null);
    const body: OutcomeBody = { token: callback.token, outcome };
    if (notes.trim()) body.notes = notes.trim();
    if (outcome === "call-again") {
      const at = germanDateTimeToIso(callAgain);
      if (!at) return setTimeError(t("callbacks.callAgainMissing"));
      body.callAgainAt = at;
    }
    setBusy(true);
    try {
      onRecorded(await recordOutcome(api, callback.id, body));
    } catch (e) {
      if (e instanceof ApiRequestError && e.is("claim_lost")) return onLost(e.message);
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="outcome">
      <legend>{t("callbacks.outcomeHeading")}</legend>
      <label htmlFor={`${id}-notes`}>{t("callbacks.notesInput")}</label>
      <textarea id={`${id}-notes`} rows={3} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <label htmlFor={`${id}-again`}>{t("callbacks.callAgainAt")}</label>
      <input
        id={`${id}-again`}
        type="text"
        inputMode="numeric"
        placeholder="TT.MM.JJJJ HH:MM"
        autoComplete="off"
        value={callAgain}
        onChange={(e) => setCallAgain(e.target.value)}
        aria-invalid={timeError ? true : undefined}
        aria-describedby={`${id}-again-error`}
      />
      <ErrorText id={`${id}-again-error`} message={timeError} />
      <div className="actions">
        {CALLBACK_OUTCOMES.map((outcome) => (
          <button
            key={outcome}
            type="button"
            disabled={busy || (outcome === "no-answer" && !dialled)}
            onClick={() => void record(outcome)}
            aria-describedby={`${id}-error`}
          >
            {t(`outcome.${outcome}`)}
          </button>
        ))}
      </div>
      <ErrorText id={`${id}-error`} message={error} />
    </fieldset>
  );
}
