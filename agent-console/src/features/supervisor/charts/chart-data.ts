// The day's series turned into chart points, hourly rows for the text alternative, and the
// figures the chart's summary names.
const HOUR_MS = 3_600_000;

export interface Point {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

export type PerHour = "max" | "min" | "last" | "sum";

export function toPoints(
  series: { at: string; value: number }[] | undefined,
  scale: (v: number) => number = (v) => v,
): Point[] {
  return (series ?? [])
    .map((p) => ({ t: Date.parse(p.at), v: scale(p.value) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
}

/**
 * One row per hour (Berlin hours start on the UTC hour: its offsets are whole hours).
 * "max" for peaks (queue, waits), "min" for the worst service level, "last" for levels (free
 * pairs), "sum" for counts.
 */
export function hourlyRows(points: Point[], perHour: PerHour): Point[] {
  const rows = new Map<number, number>();
  for (const p of points) {
    const hour = Math.floor(p.t / HOUR_MS) * HOUR_MS;
    const before = rows.get(hour);
    if (before === undefined || perHour === "last") rows.set(hour, p.v);
    else
      rows.set(
        hour,
        perHour === "max" ? Math.max(before, p.v) : perHour === "min" ? Math.min(before, p.v) : before + p.v,
      );
  }
  return [...rows].map(([t, v]) => ({ t, v }));
}

export function latestAndPeak(points: Point[]): { latest: Point; peak: Point } | null {
  const latest = points[points.length - 1];
  if (!latest) return null;
  const peak = points.reduce((best, p) => (p.v > best.v ? p : best), latest);
  return { latest, peak };
}

/** Full hours across the points: every hour for up to 8 hours, then every 2nd or 3rd. */
export function hourTicks(points: Point[]): number[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const span = last.t - first.t;
  const step = span <= 8 * HOUR_MS ? HOUR_MS : span <= 16 * HOUR_MS ? 2 * HOUR_MS : 3 * HOUR_MS;
  const ticks: number[] = [];
  for (let t = Math.ceil(first.t / step) * step; t <= last.t; t += step) ticks.push(t);
  return ticks;
}

/** The shortest time between two points (a quarter-hour or an hour for bars); an hour when there is one point. */
export function smallestGap(points: Point[]): number {
  let gap = Infinity;
  for (let i = 1; i < points.length; i++) gap = Math.min(gap, points[i]!.t - points[i - 1]!.t);
  return Number.isFinite(gap) && gap > 0 ? gap : HOUR_MS;
}
