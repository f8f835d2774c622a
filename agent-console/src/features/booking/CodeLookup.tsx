// A caller with a booking code: find the booking (code as printed or as 12 keypad digits),
// then cancel it or move it to another pair.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { lookupBooking, normaliseCode } from "./booking-api.ts";
import { BookingDetails } from "./BookingDetails.tsx";

export function CodeLookup() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [code, setCode] = useState("");
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = normaliseCode(code);
    if (!cleaned) return setError(t("lookup.empty"));
    setBusy(true);
    setError(null);
    setBooking(null);
    try {
      setBooking(await lookupBooking(api, cleaned));
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="code-lookup">
      <form onSubmit={submit} noValidate className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t("lookup.code")}</label>
          <input
            id={`${id}-code`}
            autoComplete="off"
            spellCheck={false}
            placeholder="XXXX-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint ${id}-error`}
          />
          <p id={`${id}-hint`} className="hint">
            {t("lookup.hint")}
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {t("lookup.submit")}
        </button>
        <ErrorText id={`${id}-error`} message={error} />
      </form>
      {booking && <BookingDetails key={booking.id} booking={booking} onChange={setBooking} />}
    </div>
  );
}
