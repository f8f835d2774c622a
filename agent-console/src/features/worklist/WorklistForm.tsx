// One worklist entry: the recordings to listen to, and the fields to type. A letter needs
// street and town; the town is picked from the places of the postcode.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { ErrorText } from "../../app/ErrorText.tsx";
import { useWorklistApi, type WorklistItemView } from "./worklist-api.ts";

interface Props {
  item: WorklistItemView;
  onSaved(item: WorklistItemView): void;
  onCancel(): void;
}

export function WorklistForm({ item, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const api = useWorklistApi();
  const [name, setName] = useState(item.name ?? "");
  const [street, setStreet] = useState(item.street ?? "");
  const [city, setCity] = useState(item.city ?? (item.places.length === 1 ? item.places[0]! : ""));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim().length < 2 || (item.letter && (!street.trim() || !city.trim()))) {
      setError(t("worklist.incomplete"));
      return;
    }
    setBusy(true);
    try {
      const saved = await api.complete(item.personId, {
        name: name.trim(),
        street: street.trim() || null,
        city: city.trim() || null,
      });
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e, t("worklist.saveFailed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="worklist-form" onSubmit={submit} aria-labelledby="worklist-form-heading" noValidate>
      <h3 id="worklist-form-heading" tabIndex={-1} ref={heading}>
        {t("worklist.formHeading", { code: item.code })}
      </h3>
      {item.hasNameRecording && (
        <Recording
          id="worklist-name-audio"
          label={t("worklist.nameRecording")}
          src={api.recordingUrl(item.personId, "name")}
        />
      )}
      <label>
        {t("worklist.name")}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          maxLength={200}
          required
          aria-describedby="worklist-form-error"
        />
      </label>
      {item.letter && (
        <>
          {item.hasAddressRecording && (
            <Recording
              id="worklist-address-audio"
              label={t("worklist.addressRecording")}
              src={api.recordingUrl(item.personId, "address")}
            />
          )}
          <label>
            {t("worklist.street")}
            <input value={street} onChange={(e) => setStreet(e.target.value)} autoComplete="off" maxLength={200} />
          </label>
          <label>
            {t("worklist.city", { postcode: item.postcode })}
            {item.places.length > 1 ? (
              <select value={city} onChange={(e) => setCity(e.target.value)}>
                <option value="">{t("worklist.pickCity")}</option>
                {item.places.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            ) : (
              <input value={city} onChange={(e) => setCity(e.target.value)} autoComplete="off" maxLength={200} />
            )}
          </label>
        </>
      )}
      <ErrorText id="worklist-form-error" message={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("worklist.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A recording to type from, played through the server (Twilio's media needs the account). */
function Recording({ id, label, src }: { id: string; label: string; src: string }) {
  return (
    <p>
      <span id={id}>{label}</span> <audio controls preload="none" aria-labelledby={id} src={src} />
    </p>
  );
}
