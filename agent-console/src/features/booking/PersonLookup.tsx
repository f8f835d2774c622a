// A caller without their code (lost, or never heard because the line dropped as the booking was
// confirmed): found by name, birth date and postcode. Each match shows its code, name, centre
// and dates; "Öffnen" loads it for cancelling or rebooking, as a code lookup would.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BookingMatch, BookingView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { DateTime } from "../../app/DateTime.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { lookupBooking, searchBookings } from "./booking-api.ts";
import { BookingDetails } from "./BookingDetails.tsx";
import { toSearchRequest, type SearchField, type SearchFields } from "./person-search.ts";

const FIELDS: { field: SearchField; label: string; placeholder?: string; inputMode?: "numeric" }[] = [
  { field: "name", label: "person.name" },
  { field: "birthDate", label: "person.birthDate", placeholder: "TT.MM.JJJJ", inputMode: "numeric" },
  { field: "postcode", label: "person.postcode", inputMode: "numeric" },
];

export function PersonLookup() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [fields, setFields] = useState<SearchFields>({ name: "", birthDate: "", postcode: "" });
  const [errors, setErrors] = useState<Partial<Record<SearchField, string>>>({});
  const [matches, setMatches] = useState<BookingMatch[] | null>(null);
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = toSearchRequest(fields);
    if ("errors" in checked) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    setError(null);
    setMatches(null);
    setBooking(null);
    try {
      setMatches(await searchBookings(api, checked.request));
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  async function open(code: string) {
    setError(null);
    try {
      setBooking(await lookupBooking(api, code));
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <div className="person-lookup">
      <form onSubmit={submit} noValidate className="inline-form" aria-label={t("lookup.byPerson")}>
        {FIELDS.map(({ field, label, placeholder, inputMode }) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(label)}</label>
            <input
              id={`${id}-${field}`}
              autoComplete="off"
              spellCheck={false}
              placeholder={placeholder}
              inputMode={inputMode}
              value={fields[field]}
              onChange={(e) => setFields((f) => ({ ...f, [field]: e.target.value }))}
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={`${id}-${field}-error`}
            />
            <ErrorText id={`${id}-${field}-error`} message={errors[field] ? t(errors[field]) : null} />
          </div>
        ))}
        <button type="submit" disabled={busy} aria-describedby={`${id}-error`}>
          {t("lookup.submit")}
        </button>
      </form>
      <p className="hint">{t("lookup.personHint")}</p>
      <ErrorText id={`${id}-error`} message={error} />
      {matches && matches.length === 0 && <p role="status">{t("lookup.noMatches")}</p>}
      {matches && matches.length > 0 && (
        <div className="list-scroll">
          <table className="list-table matches">
            <caption>{t("lookup.matches", { n: matches.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("lookup.code")}</th>
                <th scope="col">{t("person.name")}</th>
                <th scope="col">{t("booking.centre")}</th>
                <th scope="col">{t("pair.first")}</th>
                <th scope="col">{t("pair.second")}</th>
                <th scope="col">{t("lookup.status")}</th>
                <th scope="col">
                  <span className="sr-only">{t("lookup.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.code}>
                  <th scope="row" className="code">
                    {m.codeFormatted}
                  </th>
                  <td>{m.name ?? t("lookup.nameUnknown")}</td>
                  <td>{[m.centre.name, m.centre.city].filter(Boolean).join(", ")}</td>
                  <td>
                    <DateTime iso={m.firstStartsAt} />
                  </td>
                  <td>
                    <DateTime iso={m.secondStartsAt} />
                  </td>
                  <td>{t(`bookingStatus.${m.status}`)}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={t("lookup.openBooking", { code: m.codeFormatted })}
                      onClick={() => void open(m.code)}
                    >
                      {t("lookup.open")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {booking && <BookingDetails key={booking.id} booking={booking} onChange={setBooking} />}
    </div>
  );
}
