// The supervisors' endpoints, typed. Requests and the settings are the contract's
// (supervisor-api.ts); the answers of the controls are not in the contract yet and are typed
// here as the routes send them.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type {
  DaySeries,
  OperationsSettings,
  SettingsUpdate,
  WallboardSnapshot,
  supplyRequest,
} from "@contracts/supervisor-api.ts";
import { createApiClient } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth } from "../../app/auth-context.tsx";
import { uiLanguage } from "../../i18n.ts";

export type { DaySeries, OperationsSettings, SettingsUpdate, WallboardSnapshot };
export type SupplyBody = Pick<z.input<typeof supplyRequest>, "regionId" | "weekStart" | "doses">;

export interface SupplyPreview {
  doses: number;
  pairs: number;
  unscheduled: number;
  perCentre: { centreId: number; name: string; pairs: number }[];
}

export interface SupplyRelease {
  releaseId: number | string;
  pairs: number;
  unscheduled: number;
  callbacksScheduled: number;
}

export interface SettingsAnswer {
  settings: OperationsSettings;
  version: number;
}

export interface AnnouncementAnswer {
  announcement: Record<string, string>;
  /** Languages without a text: their callers hear the German one. */
  missing: string[];
}

export interface AuditEntry {
  agentId: string;
  action: string;
  details: unknown;
  at: string;
}

export interface SupervisorApi {
  day(day: string): Promise<DaySeries>;
  previewSupply(body: SupplyBody): Promise<SupplyPreview>;
  releaseSupply(body: SupplyBody): Promise<SupplyRelease>;
  settings(): Promise<SettingsAnswer>;
  saveSettings(change: SettingsUpdate): Promise<SettingsAnswer>;
  saveAnnouncement(texts: Record<string, string>): Promise<AnnouncementAnswer>;
  audit(): Promise<{ actions: AuditEntry[] }>;
  /** Who is who: the overview lists every account with its display name. */
  people(): Promise<{ id: string; displayName: string }[]>;
}

export function useSupervisorApi(): SupervisorApi {
  const api = useApi();
  const { i18n } = useTranslation();
  const { recheck } = useAuth();
  return useMemo(() => {
    // The shared client speaks GET, POST and DELETE. Settings and the announcement are PUT:
    // the same client (same errors, same messages) whose POSTs go out as PUT.
    const put = createApiClient({
      language: () => uiLanguage(i18n),
      messages: () => ({ network: i18n.t("errors.network"), unexpected: i18n.t("errors.unexpected") }),
      fetch: (input, init) => globalThis.fetch(input, { ...init, method: "PUT" }),
    });
    // A 401 here: let the shared client ask again, which brings the login back.
    put.onUnauthorized(recheck);
    return {
      day: (day) => api.get(`/api/supervisor/day?day=${encodeURIComponent(day)}`),
      previewSupply: (body) => api.post("/api/supervisor/supply/preview", body),
      releaseSupply: (body) => api.post("/api/supervisor/supply/release", body),
      settings: () => api.get("/api/supervisor/settings"),
      saveSettings: (change) => put.post("/api/supervisor/settings", change),
      saveAnnouncement: (texts) => put.post("/api/supervisor/announcement", { texts }),
      audit: () => api.get("/api/supervisor/audit"),
      people: async () =>
        (await api.get<{ agents?: { id: string; displayName: string }[] }>("/api/supervisor/overview")).agents ?? [],
    };
  }, [api, i18n, recheck]);
}
