// The worklist endpoints, typed from the contract.
import { useMemo } from "react";
import type { WorklistCompletion, WorklistItemView } from "@contracts/console-api.ts";
import { useApi } from "../../app/api-context.tsx";

export type { WorklistCompletion, WorklistItemView };

export interface WorklistApi {
  list(): Promise<WorklistItemView[]>;
  complete(personId: number, typed: WorklistCompletion): Promise<WorklistItemView>;
  recordingUrl(personId: number, which: "name" | "address"): string;
}

export function useWorklistApi(): WorklistApi {
  const api = useApi();
  return useMemo(
    () => ({
      list: async () => (await api.get<{ items: WorklistItemView[] }>("/api/worklist")).items,
      complete: async (personId, typed) =>
        (await api.post<{ item: WorklistItemView }>(`/api/worklist/${personId}`, typed)).item,
      recordingUrl: (personId, which) => `/api/worklist/${personId}/recording/${which}`,
    }),
    [api],
  );
}
