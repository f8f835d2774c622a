// The centre's day endpoints, typed from the contract.
import { useMemo } from "react";
import type { AttendanceRequest, CentreCountsView, CentreDayView, DayEntryView } from "@contracts/centre-day-api.ts";
import { useApi } from "../../app/api-context.tsx";

export type { AttendanceRequest, CentreCountsView, CentreDayView, DayEntryView };

export interface CentreApi {
  day(centreId: number, day: string): Promise<CentreDayView>;
  mark(centreId: number, day: string, request: AttendanceRequest): Promise<void>;
  setWasted(centreId: number, day: string, doses: number): Promise<void>;
  counts(day: string): Promise<CentreCountsView>;
}

export const dayPath = (centreId: number, day: string) => `/api/centres/${centreId}/days/${day}`;

export function useCentreApi(): CentreApi {
  const api = useApi();
  return useMemo(
    () => ({
      day: (centreId, day) => api.get<CentreDayView>(dayPath(centreId, day)),
      mark: async (centreId, day, request) => void (await api.post(`${dayPath(centreId, day)}/attendance`, request)),
      setWasted: async (centreId, day, doses) => void (await api.post(`${dayPath(centreId, day)}/wasted`, { doses })),
      counts: (day) => api.get<CentreCountsView>(`/api/supervisor/centre-days/${day}/counts`),
    }),
    [api],
  );
}

/** Today as the centre sees it: the Berlin calendar day. */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(now);
}
