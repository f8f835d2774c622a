// The day so far: service level and callers offered per quarter-hour, queue depth, longest
// wait, bookings per hour, free pairs.
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/api-client.ts";
import { numberText } from "../../../app/format.ts";
import { minutesNumber, percentText } from "../supervisor-format.ts";
import { toPoints } from "./chart-data.ts";
import { SeriesChart } from "./SeriesChart.tsx";
import { useDaySeries } from "./use-day-series.ts";

export function DayCharts() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { day, error } = useDaySeries();
  const count = (v: number) => numberText(v, lang);
  const minutes = (v: number) => t("supervisor.minutes", { value: minutesNumber(v, lang) });
  const series = day?.series ?? {};
  return (
    <section aria-labelledby="wb-day-heading" className="wb-section">
      <h3 id="wb-day-heading">{t("supervisor.charts.heading")}</h3>
      {error !== null && (
        <p role="alert" className="error-text">
          {errorMessage(error, t("errors.unexpected"))}
        </p>
      )}
      {!day ? (
        error === null && <p>{t("common.loading")}</p>
      ) : (
        <div className="charts">
          <SeriesChart
            title={t("supervisor.charts.serviceLevel")}
            unit={t("supervisor.charts.percent")}
            points={toPoints(series.service_level_15m)}
            kind="bar"
            perHour="min"
            format={(v) => percentText(v / 100, lang)}
          />
          <SeriesChart
            title={t("supervisor.charts.offered")}
            unit={t("supervisor.charts.calls")}
            points={toPoints(series.offered_15m)}
            kind="bar"
            perHour="sum"
            format={count}
          />
          <SeriesChart
            title={t("supervisor.charts.queueDepth")}
            unit={t("supervisor.charts.calls")}
            points={toPoints(series.queue_depth)}
            kind="line"
            perHour="max"
            format={count}
          />
          <SeriesChart
            title={t("supervisor.charts.longestWait")}
            unit={t("supervisor.charts.minutes")}
            points={toPoints(series.longest_wait_seconds, (s) => Math.round(s / 6) / 10)}
            kind="line"
            perHour="max"
            format={minutes}
          />
          <SeriesChart
            title={t("supervisor.charts.bookingsPerHour")}
            unit={t("supervisor.charts.bookings")}
            points={toPoints(series.bookings_per_hour)}
            kind="bar"
            perHour="sum"
            format={count}
          />
          <SeriesChart
            title={t("supervisor.charts.freePairs")}
            unit={t("supervisor.charts.pairs")}
            points={toPoints(series.free_pairs)}
            kind="line"
            perHour="last"
            format={count}
          />
        </div>
      )}
    </section>
  );
}
