// The centre's day: the reception's list of today's appointments, check-in per dose, the
// counts the supervisors watch and the daily report for the health authority. A day is a
// Berlin calendar day; every use case takes the centre explicitly, the routes decide which
// centres an account may name.
import { DomainError } from "../errors.ts";
import type { Centre, Geography } from "../geo/geography.ts";
import { berlinLocalToUtc } from "../time/berlin.ts";
import type { Attendance, CentreDayStore, DayCounts, DayEntry, DayFigures, Dose } from "./centre-day-store.ts";

export interface DayReport extends DayFigures {
  centre: Centre;
  day: string;
  dosesGiven: number;
  /** Doses given to people from the standby list: 0 until the standby list exists. */
  standbyDosesUsed: number;
}

/** [start, end) of a Berlin calendar day, DST included (23 or 25 hours). */
export function berlinDayRange(day: string): { from: Date; to: Date } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { from: berlinLocalToUtc(y, m, d), to: berlinLocalToUtc(y, m, d + 1) };
}

export class CentreDay {
  constructor(
    private readonly store: CentreDayStore,
    private readonly geography: Geography,
  ) {}

  centres(): Centre[] {
    return [...this.geography.allCentres()].sort((a, b) => a.name.localeCompare(b.name, "de"));
  }

  centre(centreId: number): Centre {
    const centre = this.geography.allCentres().find((c) => c.id === centreId);
    if (!centre) throw new DomainError("centre_unknown");
    return centre;
  }

  async list(centreId: number, day: string): Promise<{ centre: Centre; day: string; entries: DayEntry[] }> {
    const centre = this.centre(centreId);
    const { from, to } = berlinDayRange(day);
    return { centre, day, entries: await this.store.entries(centreId, from, to) };
  }

  async mark(centreId: number, bookingId: number, dose: Dose, attendance: Attendance | null, by: string, at: Date) {
    this.centre(centreId);
    if (!(await this.store.mark({ centreId, bookingId, dose, attendance, by, at })))
      throw new DomainError("attendance_unknown");
  }

  counts(day: string, centreId?: number): Promise<DayCounts[]> {
    const { from, to } = berlinDayRange(day);
    return this.store.counts(from, to, centreId);
  }

  async report(centreId: number, day: string): Promise<DayReport> {
    const centre = this.centre(centreId);
    const { from, to } = berlinDayRange(day);
    const figures = await this.store.figures(centreId, day, from, to);
    return {
      centre,
      day,
      ...figures,
      dosesGiven: figures.firstDosesGiven + figures.secondDosesGiven,
    };
  }

  async setWasted(centreId: number, day: string, doses: number, by: string, at: Date): Promise<void> {
    this.centre(centreId);
    if (!Number.isInteger(doses) || doses < 0 || doses > 100_000) throw new DomainError("day_report_invalid");
    await this.store.setWasted(centreId, day, doses, by, at);
  }
}
