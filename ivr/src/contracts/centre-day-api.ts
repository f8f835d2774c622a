// The centre's day between the server and the console: the reception's list, a check-in, the
// wasted doses, the counts on the supervisors' page and the daily report.
import { z } from "zod";

export const ATTENDANCE_VALUES = ["attended", "no-show"] as const;
export type AttendanceValue = (typeof ATTENDANCE_VALUES)[number];

export const attendanceRequest = z.object({
  bookingId: z.number().int().positive().max(2_147_483_647),
  dose: z.union([z.literal(1), z.literal(2)]),
  /** null takes the mark back. */
  attendance: z.enum(ATTENDANCE_VALUES).nullable(),
});
export type AttendanceRequest = z.infer<typeof attendanceRequest>;

export const wastedRequest = z.object({ doses: z.number().int().min(0).max(100_000) });
export type WastedRequest = z.infer<typeof wastedRequest>;

/** What a person needs at the centre (from the waiting list). */
export const NEED_VALUES = ["wheelchair", "companion", "interpreter"] as const;
export type NeedValue = (typeof NEED_VALUES)[number];

export interface DayEntryView {
  bookingId: number;
  /** Formatted: "ABCD-EFGH-JKLM". */
  code: string;
  dose: 1 | 2;
  startsAt: string; // ISO
  name: string | null;
  birthDate: string; // YYYY-MM-DD
  needs: NeedValue[];
  attendance: AttendanceValue | null;
}

export interface CentreDayView {
  centre: { id: number; name: string; city: string };
  day: string; // YYYY-MM-DD
  entries: DayEntryView[];
  dosesWasted: number;
}

export interface DayCountsView {
  centreId: number;
  centreName: string;
  booked: number;
  attended: number;
  noShows: number;
  open: number;
}

export interface CentreCountsView {
  day: string;
  centres: DayCountsView[];
}
