// "N Dosen verworfen": what the centre enters for the health authority's daily report.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { ErrorText } from "../../app/ErrorText.tsx";

export function WastedDoses({ saved, onSave }: { saved: number; onSave(doses: number): Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(String(saved));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => setValue(String(saved)), [saved]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const doses = Number(value);
    if (!/^\d+$/.test(value.trim()) || doses > 100_000) return setError(t("centre.wastedInvalid"));
    setError(null);
    try {
      await onSave(doses);
      setDone(true);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <form className="wasted" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-wasted`}>{t("centre.wasted")}</label>
      <input
        id={`${id}-wasted`}
        inputMode="numeric"
        value={value}
        onChange={(e) => (setValue(e.target.value), setDone(false))}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
      />
      <button type="submit">{t("centre.wastedSave")}</button>
      <span role="status">{done ? t("centre.wastedSaved") : ""}</span>
      <ErrorText id={`${id}-error`} message={error} />
    </form>
  );
}
