// "N Impfdosen übrig, verwendbar bis HH:MM": the centre offers today's leftover doses to the
// waiting list; the hotline calls people who can come, in waves, and this section shows what
// came of each offer (called, booked, too late, wasted). Refreshed every 15 seconds.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { ErrorText } from "../../app/ErrorText.tsx";
import { useStandbyApi, type StandbyOfferView } from "./standby-api.ts";

const REFRESH_MS = 15_000;

export function StandbyDoses({ centreId }: { centreId: number }) {
  const { t } = useTranslation();
  const api = useStandbyApi();
  const id = useId();
  const [doses, setDoses] = useState("");
  const [until, setUntil] = useState("");
  const [offers, setOffers] = useState<StandbyOfferView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api
        .today(centreId)
        .then((v) => setOffers(v.offers))
        .catch((e: unknown) => setError(errorMessage(e, t("errors.unexpected")))),
    [api, centreId, t],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const n = Number(doses);
    if (!/^\d+$/.test(doses.trim()) || n < 1 || n > 200 || !/^([01]\d|2[0-3]):[0-5]\d$/.test(until.trim())) {
      return setError(t("centre.standbyInvalid"));
    }
    setError(null);
    try {
      setOffers((await api.offer(centreId, { doses: n, until: until.trim() })).offers);
      setDoses("");
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <section className="standby" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("centre.standbyHeading")}</h3>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-doses`}>{t("centre.standbyDoses")}</label>
        <input id={`${id}-doses`} inputMode="numeric" value={doses} onChange={(e) => setDoses(e.target.value)} />
        <label htmlFor={`${id}-until`}>{t("centre.standbyUntil")}</label>
        <input
          id={`${id}-until`}
          inputMode="numeric"
          placeholder="HH:MM"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
        <button type="submit">{t("centre.standbyOffer")}</button>
        <ErrorText id={`${id}-error`} message={error} />
      </form>
      {offers.length > 0 && (
        <table>
          <caption className="sr-only">{t("centre.standbyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("centre.standbyColUntil")}</th>
              <th scope="col">{t("centre.standbyColDoses")}</th>
              <th scope="col">{t("centre.standbyColUsed")}</th>
              <th scope="col">{t("centre.standbyColCalled")}</th>
              <th scope="col">{t("centre.standbyColTooLate")}</th>
              <th scope="col">{t("centre.standbyColWasted")}</th>
              <th scope="col">{t("centre.standbyColStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr key={o.id}>
                <td>{clock(o.usableUntil)}</td>
                <td>{o.freedPair ? t("centre.standbyFreedPair") : o.doses}</td>
                <td>{o.used}</td>
                <td>{o.called}</td>
                <td>{o.tooLate}</td>
                <td>{o.wasted}</td>
                <td>{o.status === "open" ? t("centre.standbyOpen") : t("centre.standbyClosed")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const clockFormat = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
const clock = (iso: string) => clockFormat.format(new Date(iso));
