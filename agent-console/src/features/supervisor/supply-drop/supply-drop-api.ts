// The supply-drop endpoints, typed from the contract.
import { useMemo } from "react";
import type {
  SupplyDropListView,
  SupplyDropPreviewView,
  SupplyDropProgressView,
  SupplyDropRequest,
  SupplyDropResultView,
} from "@contracts/supply-drop-api.ts";
import { useApi } from "../../../app/api-context.tsx";

export type {
  SupplyDropListView,
  SupplyDropPreviewView,
  SupplyDropProgressView,
  SupplyDropRequest,
  SupplyDropResultView,
};

export interface SupplyDropApi {
  list(): Promise<SupplyDropListView>;
  preview(request: SupplyDropRequest): Promise<SupplyDropPreviewView>;
  /** Started (progress, 202), or the result of a drop executed before. */
  execute(dropId: number): Promise<SupplyDropResultView | SupplyDropProgressView>;
  progress(dropId: number): Promise<SupplyDropProgressView>;
}

const BASE = "/api/supervisor/supply-drops";

export function useSupplyDropApi(): SupplyDropApi {
  const api = useApi();
  return useMemo(
    () => ({
      list: () => api.get<SupplyDropListView>(BASE),
      preview: (request) => api.post<SupplyDropPreviewView>(`${BASE}/preview`, request),
      execute: (dropId) => api.post<SupplyDropResultView | SupplyDropProgressView>(`${BASE}/${dropId}/execute`, {}),
      progress: (dropId) => api.get<SupplyDropProgressView>(`${BASE}/${dropId}`),
    }),
    [api],
  );
}
