// The campaign panel's endpoints, typed from the contract.
import { useMemo } from "react";
import type { CampaignRegionView, InvitationRunView } from "@contracts/waitlist-api.ts";
import { useApi } from "../../../app/api-context.tsx";

export type { CampaignRegionView, InvitationRunView };

export function useCampaignApi() {
  const api = useApi();
  return useMemo(
    () => ({
      regions: async () => (await api.get<{ regions: CampaignRegionView[] }>("/api/supervisor/campaign")).regions,
      start: (regionId: string, sharePercent: number) =>
        api.post<{ invited: number; booked: number; unplaced: number; run: InvitationRunView }>(
          `/api/supervisor/campaign/${encodeURIComponent(regionId)}/start`,
          { sharePercent },
        ),
      pause: (regionId: string, paused: boolean) =>
        api.post(`/api/supervisor/campaign/${encodeURIComponent(regionId)}/pause`, { paused }),
    }),
    [api],
  );
}
