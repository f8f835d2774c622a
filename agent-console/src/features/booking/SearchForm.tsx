// Where to look: postcode (prefilled from the call) and, optionally, the earliest date, typed
// TT.MM.JJJJ like every date in the console (no browser date picker with its own order).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorText } from "../../app/ErrorText.tsx";
import { germanDateToIso } from "../../app/format.ts";
import type { SearchParams } from "./booking-api.ts";

interface Props {
  initialPostcode: string;
  /** Used when no postcode is entered (the district the menu found). */
  fallbackDistrictId?: number | null;
  busy: boolean;
  onSearch(params: SearchParams): void;
}

export function SearchForm({ initialPostcode, fallbackDistrictId, busy, onSearch }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [postcode, setPostcode] = useState(initialPostcode);
  const [date, setDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const code = postcode.trim();
    const isoDate = date.trim() ? germanDateToIso(date) : null;
    setDateError(date.trim() && !isoDate ? t("booking.dateInvalid") : null);
    if (date.trim() && !isoDate) return;
    const dateParam = isoDate ? { date: isoDate } : {};
    const place = /^\d{5}$/.test(code)
      ? { postcode: code }
      : !code && fallbackDistrictId
        ? { districtId: fallbackDistrictId }
        : null;
    if (!place) return setError(t("booking.postcodeInvalid"));
    setError(null);
    onSearch({ ...place, ...dateParam });
  }

  return (
    <form className="search-form" onSubmit={submit} noValidate aria-label={t("booking.searchHeading")}>
      <div className="field">
        <label htmlFor={`${id}-postcode`}>{t("booking.postcode")}</label>
        <input
          id={`${id}-postcode`}
          inputMode="numeric"
          autoComplete="off"
          maxLength={5}
          value={postcode}
          onChange={(e) => setPostcode(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t("booking.fromDate")}</label>
        <input
          id={`${id}-date`}
          inputMode="numeric"
          autoComplete="off"
          placeholder="TT.MM.JJJJ"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={`${id}-date-error`}
        />
        <ErrorText id={`${id}-date-error`} message={dateError} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t("booking.searching") : t("booking.search")}
      </button>
      <ErrorText id={`${id}-error`} message={error} />
    </form>
  );
}
