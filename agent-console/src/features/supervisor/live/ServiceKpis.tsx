// The hotline's state at a glance: service level against its target, the queue now, callbacks
// overdue, and the day's answered, abandoned, speed of answer, handle time, occupancy and how
// well the announced waits held. Tiles with thresholds turn amber or red, with a word.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { minutesSeconds, numberText } from "../../../app/format.ts";
import { minutesNumber, percentText } from "../supervisor-format.ts";
import { Kpi } from "./Kpi.tsx";

export function ServiceKpis({ snapshot }: { snapshot: WallboardSnapshot }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { service, queue, callbacks } = snapshot;
  const { interval, today, target, levels } = service;
  const none = t("supervisor.none");
  // Whole percents on the big tiles, so that "100 %" fits; the service table has one decimal.
  const percent = (v: number | null) => (v === null ? none : percentText(v, lang, 0));
  const duration = (v: number | null) => (v === null ? none : minutesSeconds(v));
  const count = (v: number) => numberText(v, lang);
  // The running quarter-hour's, or the day's while the quarter-hour has no caller to judge by.
  const shownLevel = interval.serviceLevel ?? today.serviceLevel;
  return (
    <section aria-labelledby="wb-kpis" className="kpis-section">
      <h4 id="wb-kpis" className="sr-only">
        {t("supervisor.kpi.heading")}
      </h4>
      <dl className="kpis">
        <Kpi
          label={t("supervisor.kpi.serviceLevel")}
          value={percent(shownLevel)}
          level={levels.serviceLevel}
          detail={t("supervisor.kpi.intervalToday", {
            percent: target.percent,
            seconds: target.seconds,
            today: percent(today.serviceLevel),
          })}
        />
        <Kpi label={t("supervisor.kpi.waiting")} value={count(queue.waiting)} />
        <Kpi
          label={t("supervisor.kpi.longestWait")}
          value={minutesSeconds(queue.longestWaitSeconds)}
          level={levels.longestWait}
        />
        <Kpi
          label={t("supervisor.kpi.callbacksOverdue")}
          value={count(callbacks.overdue)}
          level={levels.callbacksOverdue}
          detail={t("supervisor.kpi.callbacksDue", { due: count(callbacks.due) })}
        />
        <Kpi
          label={t("supervisor.kpi.answered")}
          value={count(today.answered)}
          detail={t("supervisor.kpi.ofOffered", { offered: count(today.offered) })}
        />
        <Kpi
          label={t("supervisor.kpi.abandoned")}
          value={count(today.abandoned)}
          detail={t("supervisor.kpi.abandonRate", { rate: percent(today.abandonRate) })}
        />
        <Kpi
          label={t("supervisor.kpi.asa")}
          value={duration(today.avgSpeedOfAnswerSeconds)}
          detail={t("supervisor.kpi.intervalValue", { value: duration(interval.avgSpeedOfAnswerSeconds) })}
        />
        <Kpi
          label={t("supervisor.kpi.aht")}
          value={duration(today.avgHandleSeconds)}
          detail={t("supervisor.kpi.handled", { n: count(today.handled) })}
        />
        <Kpi
          label={t("supervisor.kpi.occupancy")}
          value={percent(today.occupancy)}
          detail={t("supervisor.kpi.intervalValue", { value: percent(interval.occupancy) })}
        />
        <Kpi
          label={t("supervisor.kpi.estimateError")}
          value={today.estimate.avgErrorMinutes === null ? none : minutesNumber(today.estimate.avgErrorMinutes, lang)}
          detail={t("supervisor.kpi.withinRange", {
            within: count(today.estimate.withinRange),
            measured: count(today.estimate.measured),
          })}
        />
      </dl>
    </section>
  );
}
