// The standby list's endpoints for the centre's page, typed from the contract.
import { useMemo } from "react";
import type { StandbyDayView, StandbyOfferView, StandbyRequest } from "@contracts/standby-api.ts";
import { useApi } from "../../app/api-context.tsx";

export type { StandbyDayView, StandbyOfferView, StandbyRequest };

export interface StandbyApi {
  today(centreId: number): Promise<StandbyDayView>;
  offer(centreId: number, request: StandbyRequest): Promise<StandbyDayView>;
}

export function useStandbyApi(): StandbyApi {
  const api = useApi();
  return useMemo(
    () => ({
      today: (centreId) => api.get<StandbyDayView>(`/api/centres/${centreId}/standby`),
      offer: (centreId, request) => api.post<StandbyDayView>(`/api/centres/${centreId}/standby`, request),
    }),
    [api],
  );
}
