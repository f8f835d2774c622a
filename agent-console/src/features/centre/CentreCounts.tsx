// Attendance at the centres for a day: booked, attended, no-shows, open. `compact`: the
// wallboard's tile, the day's totals on one line (79 centres never fit a wallboard that must
// stay one screen); otherwise a table per centre, under the Leitstand's controls. Reloads every
// minute while shown.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { dateText } from "../../app/format.ts";
import { berlinToday, useCentreApi, type CentreCountsView } from "./centre-api.ts";

export function CentreCounts({ day = berlinToday(), compact = false }: { day?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useCentreApi();
  const [counts, setCounts] = useState<CentreCountsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      api
        .counts(day)
        .then(setCounts)
        .catch((e) => setError(errorMessage(e, t("errors.unexpected"))));
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [api, day, t]);

  const heading = t("centre.countsHeading", { day: dateText(day, i18n.language) });
  if (compact) {
    const sum = (key: "booked" | "attended" | "noShows" | "open") =>
      (counts?.centres ?? []).reduce((total, c) => total + c[key], 0);
    return (
      <section aria-labelledby="wb-attendance" className="tile centre-attendance">
        <h4 id="wb-attendance">{heading}</h4>
        {error && <p role="alert">{error}</p>}
        {counts && (
          <p>
            {counts.centres.length === 0
              ? t("centre.none")
              : t("centre.countsTotals", {
                  booked: sum("booked"),
                  attended: sum("attended"),
                  noShows: sum("noShows"),
                  open: sum("open"),
                })}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="centre-attendance">
      <h3>{heading}</h3>
      {error && <p role="alert">{error}</p>}
      {counts && counts.centres.length === 0 && <p>{t("centre.none")}</p>}
      {counts && counts.centres.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("centre.centre")}</th>
              <th scope="col">{t("centre.booked")}</th>
              <th scope="col">{t("centre.attended")}</th>
              <th scope="col">{t("centre.noShow")}</th>
              <th scope="col">{t("centre.open")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.centres.map((c) => (
              <tr key={c.centreId}>
                <th scope="row">{c.centreName}</th>
                <td>{c.booked}</td>
                <td>{c.attended}</td>
                <td>{c.noShows}</td>
                <td>{c.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
