// The supply-drop endpoints, typed from the contract.
import { useMemo } from "react";
import type {
  SupplyDropListView,
  SupplyDropPreviewView,
  SupplyDropRequest,
  SupplyDropResultView,
} from "@contracts/supply-drop-api.ts";
import { useApi } from "../../../app/api-context.tsx";

export type { SupplyDropListView, SupplyDropPreviewView, SupplyDropRequest, SupplyDropResultView };

export interface SupplyDropApi {
  list(): Promise<SupplyDropListView>;
  preview(request: SupplyDropRequest): Promise<SupplyDropPreviewView>;
  execute(dropId: number): Promise<SupplyDropResultView>;
}

const BASE = "/api/supervisor/supply-drops";

export function useSupplyDropApi(): SupplyDropApi {
  const api = useApi();
  return useMemo(
    () => ({
      list: () => api.get<SupplyDropListView>(BASE),
      preview: (request) => api.post<SupplyDropPreviewView>(`${BASE}/preview`, request),
      execute: (dropId) => api.post<SupplyDropResultView>(`${BASE}/${dropId}/execute`, {}),
    }),
    [api],
  );
}
