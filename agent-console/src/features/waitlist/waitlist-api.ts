// The waiting list's endpoints, typed from the contract.
import { useMemo } from "react";
import type { InvitationRunView, WaitlistEntryView, WaitlistRegistration } from "@contracts/waitlist-api.ts";
import { ApiRequestError } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";

export type { InvitationRunView, WaitlistEntryView, WaitlistRegistration };

export interface InvitationView {
  id: number;
  runId: number;
  firstStartsAt: string;
  secondStartsAt: string;
  status: string;
  deadline: string | null;
}

export interface ImportReport {
  rows: number;
  added: number;
  alreadyListed: number;
  possibleDuplicates: number;
  rejected: { line: number; reason: string }[];
}

export function useWaitlistApi() {
  const api = useApi();
  return useMemo(
    () => ({
      register: (r: WaitlistRegistration) =>
        api.post<{ entry: WaitlistEntryView; created: boolean; possibleDuplicates: number }>("/api/waitlist", r),
      lookup: (number: string) =>
        api.get<{ entry: WaitlistEntryView; invitations: InvitationView[] }>(
          `/api/waitlist/entries/${encodeURIComponent(number.replace(/\D/g, ""))}`,
        ),
      setShortNotice: (entryId: number, shortNotice: boolean) =>
        api.post<{ entryId: number; shortNotice: boolean }>(`/api/waitlist/${entryId}/short-notice`, { shortNotice }),
      accept: (id: number) => api.post<{ code: string }>(`/api/waitlist/invitations/${id}/accept`),
      decline: (id: number, final: boolean) => api.post(`/api/waitlist/invitations/${id}/decline`, { final }),
      duplicates: async () =>
        (
          await api.get<{ items: { id: number; entry: WaitlistEntryView; other: WaitlistEntryView }[] }>(
            "/api/waitlist/duplicates",
          )
        ).items,
      decide: (id: number, decision: "merge" | "apart") => api.post(`/api/waitlist/duplicates/${id}`, { decision }),
      runs: async () => (await api.get<{ runs: InvitationRunView[] }>("/api/supervisor/waitlist/overview")).runs,
      publish: (regionId: string, sharePercent: number) =>
        api.post<{ run: InvitationRunView }>("/api/supervisor/invitation-runs", { regionId, sharePercent }),
      execute: (id: number) =>
        api.post<{ invited: number; booked: number }>(`/api/supervisor/invitation-runs/${id}/execute`),
      /** The register extract goes as text/csv (the file can be megabytes; the JSON API takes 64 kB). */
      importCsv: async (csv: string): Promise<ImportReport> => {
        const response = await fetch("/api/supervisor/waitlist/import", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "text/csv", Accept: "application/json" },
          body: csv,
        });
        const body = (await response.json()) as ImportReport & { error?: { code: string; message: string } };
        if (!response.ok)
          throw new ApiRequestError(response.status, body.error?.code ?? "unexpected", body.error?.message ?? "");
        return body;
      },
    }),
    [api],
  );
}

/** "123 456 789 0": as the phone reads it and a letter prints it. */
export const formatNumber = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 9)} ${n.slice(9)}`;
