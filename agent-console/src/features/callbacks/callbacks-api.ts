import { CALLBACK_OUTCOMES, outcomeRequest, type CallbackOutcome, type CallbackView } from "@contracts/console-api.ts";
import type { z } from "zod";
import type { ApiClient } from "../../app/api-client.ts";

export { CALLBACK_OUTCOMES, type CallbackOutcome };
export type OutcomeBody = z.infer<typeof outcomeRequest>;

export async function nextCallback(api: ApiClient): Promise<CallbackView> {
  return (await api.post<{ callback: CallbackView }>("/api/callbacks/next", {})).callback;
}

export async function dialCallback(api: ApiClient, callback: CallbackView): Promise<string> {
  return (await api.post<{ callSid: string }>(`/api/callbacks/${callback.id}/dial`, { token: callback.token })).callSid;
}

export async function recordOutcome(api: ApiClient, id: number, body: OutcomeBody): Promise<CallbackView> {
  return (await api.post<{ callback: CallbackView }>(`/api/callbacks/${id}/outcome`, outcomeRequest.parse(body)))
    .callback;
}

/** CallbackView.status values with a label; others show as sent. */
export const CALLBACK_STATUSES = ["pending", "claimed", "dialling", "done", "failed", "expired"] as const;

/** Keys of the "callbacks:update" counts that have a label; others show as sent. */
export const CALLBACK_COUNT_KEYS = [
  "due",
  "pending",
  "awaiting",
  "claimed",
  "dialling",
  "done",
  "failed",
  "expired",
] as const;

/** Counts in the order above, unknown keys last. */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const rank = (key: string) => {
    const i = (CALLBACK_COUNT_KEYS as readonly string[]).indexOf(key);
    return i < 0 ? CALLBACK_COUNT_KEYS.length : i;
  };
  return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
}
