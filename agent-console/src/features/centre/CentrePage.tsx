// A vaccination centre's reception: its centre's day (#/centre), nothing else. The list, the
// check-in by keyboard, the day list and the report to print, and the wasted doses.
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { useAuth, useUser } from "../../app/auth-context.tsx";
import { dateText, germanDateToIso, isoToGermanDate } from "../../app/format.ts";
import { LanguageSwitch } from "../../app/LanguageSwitch.tsx";
import { berlinToday, dayPath, useCentreApi, type CentreDayView, type DayEntryView } from "./centre-api.ts";
import { DayTable } from "./DayTable.tsx";
import { WastedDoses } from "./WastedDoses.tsx";
import { StandbyDoses } from "./StandbyDoses.tsx";
import "./centre.css";

export function CentrePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const api = useCentreApi();
  const id = useId();
  const centreId = user.centreId ?? 0;
  const [day, setDay] = useState(berlinToday);
  const [dayText, setDayText] = useState(() => isoToGermanDate(berlinToday()));
  const [view, setView] = useState<CentreDayView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");

  const load = useCallback(() => {
    api
      .day(centreId, day)
      .then((v) => (setView(v), setError(null)))
      .catch((e) => setError(errorMessage(e, t("errors.unexpected"))));
  }, [api, centreId, day, t]);
  useEffect(load, [load]);

  const mark = async (entry: DayEntryView, attendance: DayEntryView["attendance"]) => {
    const update = (a: DayEntryView["attendance"]) =>
      setView(
        (v) =>
          v && {
            ...v,
            entries: v.entries.map((e) =>
              e.bookingId === entry.bookingId && e.dose === entry.dose ? { ...e, attendance: a } : e,
            ),
          },
      );
    update(attendance);
    try {
      await api.mark(centreId, day, { bookingId: entry.bookingId, dose: entry.dose, attendance });
      const key =
        attendance === "attended"
          ? "centre.markedAttended"
          : attendance
            ? "centre.markedNoShow"
            : "centre.markedUndone";
      setAnnounce(t(key, { name: entry.name ?? entry.code }));
    } catch (e) {
      update(entry.attendance);
      setError(errorMessage(e, t("errors.unexpected")));
    }
  };

  const entries = view?.entries ?? [];
  const count = (a: DayEntryView["attendance"]) => entries.filter((e) => e.attendance === a).length;
  const path = dayPath(centreId, day);
  return (
    <>
      <header className="app-header">
        <h1>{t("centre.title")}</h1>
        <p className="who">
          <span>{user.displayName}</span> · <span>{view?.centre.name ?? ""}</span>
        </p>
        <LanguageSwitch />
        <button type="button" onClick={() => void logout()}>
          {t("auth.logout")}
        </button>
      </header>
      <main id="main" tabIndex={-1} className="centre-page">
        <h2>{t("centre.heading", { day: dateText(day, i18n.language) })}</h2>
        <div className="centre-tools">
          <label htmlFor={`${id}-day`}>{t("centre.day")}</label>
          <input
            id={`${id}-day`}
            className="day-input"
            inputMode="numeric"
            placeholder="TT.MM.JJJJ"
            value={dayText}
            onChange={(e) => {
              setDayText(e.target.value);
              const iso = germanDateToIso(e.target.value);
              if (iso) setDay(iso);
            }}
          />
          <a href={`${path}/pdf`} target="_blank" rel="noopener">
            {t("centre.printList")}
          </a>
          <a href={`${path}/report/csv`}>{t("centre.reportCsv")}</a>
          <a href={`${path}/report/pdf`} target="_blank" rel="noopener">
            {t("centre.reportPdf")}
          </a>
        </div>
        <p className="centre-counts">
          {t("centre.counts", {
            booked: entries.length,
            attended: count("attended"),
            noShows: count("no-show"),
            open: count(null),
          })}
        </p>
        <p className="hint">{t("centre.keys")}</p>
        <p role="alert" className="error-text" hidden={!error}>
          {error}
        </p>
        <p role="status" className="sr-only">
          {announce}
        </p>
        {view && <DayTable entries={entries} onMark={(e, a) => void mark(e, a)} />}
        {view && <WastedDoses saved={view.dosesWasted} onSave={(n) => api.setWasted(centreId, day, n).then(load)} />}
        {day === berlinToday() && <StandbyDoses centreId={centreId} />}
      </main>
    </>
  );
}
