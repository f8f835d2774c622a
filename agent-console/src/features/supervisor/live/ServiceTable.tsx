// Every service figure for the running quarter-hour next to the day so far, with the
// counts the ratios are made of (definitions in the README).
import { useTranslation } from "react-i18next";
import type { ServiceFigures, WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { minutesSeconds, numberText } from "../../../app/format.ts";
import { clockText, minutesNumber, percentText } from "../supervisor-format.ts";
import { Tile } from "./Stat.tsx";

type Row = [label: string, value: (f: ServiceFigures) => string];

export function ServiceTable({ service }: { service: WallboardSnapshot["service"] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const none = t("supervisor.none");
  const count = (v: number) => numberText(v, lang);
  const percent = (v: number | null) => (v === null ? none : percentText(v, lang));
  const duration = (v: number | null) => (v === null ? none : minutesSeconds(v));
  const rows: Row[] = [
    [t("supervisor.service.offered"), (f) => count(f.offered)],
    [t("supervisor.service.answered"), (f) => count(f.answered)],
    [t("supervisor.service.inTarget", { seconds: service.target.seconds }), (f) => count(f.answeredInTarget)],
    [t("supervisor.service.abandoned", { seconds: service.shortAbandonSeconds }), (f) => count(f.abandoned)],
    [t("supervisor.service.shortAbandoned", { seconds: service.shortAbandonSeconds }), (f) => count(f.shortAbandoned)],
    [t("supervisor.service.toCallback"), (f) => count(f.toCallback)],
    [t("supervisor.service.otherExits"), (f) => count(f.otherExits)],
    [t("supervisor.service.serviceLevel"), (f) => percent(f.serviceLevel)],
    [t("supervisor.service.abandonRate"), (f) => percent(f.abandonRate)],
    [t("supervisor.service.asa"), (f) => duration(f.avgSpeedOfAnswerSeconds)],
    [t("supervisor.service.handled"), (f) => count(f.handled)],
    [t("supervisor.service.aht"), (f) => duration(f.avgHandleSeconds)],
    [t("supervisor.service.occupancy"), (f) => percent(f.occupancy)],
    [
      t("supervisor.service.estimateError"),
      (f) =>
        f.estimate.avgErrorMinutes === null
          ? none
          : t("supervisor.minutes", { value: minutesNumber(f.estimate.avgErrorMinutes, lang) }),
    ],
  ];
  const { interval, today } = service;
  return (
    <Tile id="wb-service" title={t("supervisor.service.heading")}>
      <table className="figures service-table">
        <caption className="sr-only">{t("supervisor.service.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supervisor.service.figure")}</th>
            <th scope="col">
              {t("supervisor.service.interval", {
                from: clockText(interval.from, lang),
                until: clockText(Date.parse(interval.from) + 15 * 60_000, lang),
              })}
            </th>
            <th scope="col">{t("supervisor.service.today")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value(interval)}</td>
              <td>{value(today)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Tile>
  );
}
