// One of the day's charts (line or bar), with German axis labels and "HH:MM" times. The
// drawing is an image whose label sums it up; a visually hidden table lists it hour by hour.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { numberText } from "../../../app/format.ts";
import { clockText } from "../supervisor-format.ts";
import { hourlyRows, hourTicks, latestAndPeak, smallestGap, type PerHour, type Point } from "./chart-data.ts";
import { useWidth } from "./use-width.ts";

interface Props {
  title: string;
  /** The y axis' label, e.g. "Anrufe". */
  unit: string;
  points: Point[];
  kind: "line" | "bar";
  perHour: PerHour;
  /** A value as text, e.g. "12" or "3,5 Min.". */
  format(value: number): string;
}

const HEIGHT = 140;
const TABLE_CAPTION_KEYS: Record<PerHour, string> = {
  max: "supervisor.charts.tableMax",
  min: "supervisor.charts.tableMin",
  last: "supervisor.charts.tableLast",
  sum: "supervisor.charts.tableSum",
};
const INK = "#1b1f24";
const ACCENT = "#0b5cad";
const FONT_SIZE = 16;
const TICK = { fill: INK, fontSize: FONT_SIZE };

export function SeriesChart({ title, unit, points, kind, perHour, format }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const time = (ms: number) => clockText(ms, i18n.language);
  const figures = latestAndPeak(points);
  const summary = figures
    ? t("supervisor.charts.summary", {
        title,
        latest: format(figures.latest.v),
        latestAt: time(figures.latest.t),
        peak: format(figures.peak.v),
        peakAt: time(figures.peak.t),
      })
    : t("supervisor.charts.empty", { title });
  const rows = hourlyRows(points, perHour);
  const tooltip = {
    labelFormatter: (label: unknown) => (typeof label === "number" ? time(label) : String(label)),
    formatter: (value: unknown) => [format(Number(value)), unit] as [string, string],
  };

  const tickNumber = (v: number) => numberText(v, i18n.language, 1);
  // Room for the longest tick ("10.000") beside the rotated unit label.
  const yWidth = 30 + 10 * tickNumber(figures?.peak.v ?? 0).length;

  const xLabel = {
    value: t("supervisor.charts.time"),
    position: "insideBottom" as const,
    offset: -14,
    fill: INK,
    fontSize: FONT_SIZE,
  };
  const yLabel = {
    value: unit,
    angle: -90,
    position: "insideLeft" as const,
    fill: INK,
    fontSize: FONT_SIZE,
    style: { textAnchor: "middle" as const },
  };
  const yAxis = { allowDecimals: false, width: yWidth, tick: TICK, tickFormatter: tickNumber, label: yLabel };
  // Bars are centred on their time: half a bar's spacing on either side, so the first and last are whole.
  const pad = smallestGap(points) / 2;
  // Hours on the time axis of every chart, bars included.
  const timeAxis = {
    dataKey: "t",
    type: "number" as const,
    scale: "time" as const,
    domain:
      kind === "bar" && figures
        ? [points[0]!.t - pad, figures.latest.t + pad]
        : (["dataMin", "dataMax"] as [string, string]),
    ticks: hourTicks(points),
    tickFormatter: time,
    tick: TICK,
    label: xLabel,
  };
  const common = {
    width,
    height: HEIGHT,
    data: points,
    margin: { top: 10, right: 18, bottom: 30, left: 4 },
    accessibilityLayer: false,
  };

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div ref={ref} className="chart-canvas" role="img" aria-label={summary}>
        {figures && kind === "line" && (
          <LineChart {...common}>
            <CartesianGrid stroke="#c9d1d9" />
            <XAxis {...timeAxis} />
            <YAxis {...yAxis} />
            <Tooltip {...tooltip} />
            <Line type="monotone" dataKey="v" stroke={ACCENT} strokeWidth={3} dot={false} isAnimationActive={false} />
          </LineChart>
        )}
        {figures && kind === "bar" && (
          <BarChart {...common}>
            <CartesianGrid stroke="#c9d1d9" vertical={false} />
            <XAxis {...timeAxis} />
            <YAxis {...yAxis} />
            <Tooltip {...tooltip} />
            <Bar dataKey="v" fill={ACCENT} isAnimationActive={false} />
          </BarChart>
        )}
        {!figures && <p className="chart-empty">{summary}</p>}
      </div>
      {/* A wrapper: a table itself does not shrink to the visually hidden size. */}
      <div className="sr-only">
        <table>
          <caption>{t(TABLE_CAPTION_KEYS[perHour], { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("supervisor.charts.hour")}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.t}>
                <th scope="row">{time(row.t)}</th>
                <td>{format(row.v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
