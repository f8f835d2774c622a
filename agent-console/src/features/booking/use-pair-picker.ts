// Search, hold and the honest handling of races: when a pair is gone (slot_taken) or a hold
// ran out (hold_expired), the server's message is shown and the search runs again at once,
// so the agent sees fresh options instead of a silent failure.
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HeldPairView, PairView, SearchResult } from "@contracts/console-api.ts";
import { ApiRequestError, errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { holdPair, releaseHold, searchPairs, type HoldMember, type SearchParams } from "./booking-api.ts";

export interface PairPicker {
  params: SearchParams | null;
  result: SearchResult | null;
  searching: boolean;
  hold: HeldPairView | null;
  /** Search or hold failures, and what happened when a pair was lost. */
  notice: string | null;
  search(params: SearchParams): Promise<void>;
  holdPairOf(pair: PairView): Promise<void>;
  release(): Promise<void>;
  /** After slot_taken / hold_expired: say so, drop the hold (unless told to keep it), search again. */
  pairLost(message: string, keepHold?: boolean): void;
  /** After a booking used the hold up. */
  forgetHold(): void;
}

export const isPairLost = (error: unknown) =>
  error instanceof ApiRequestError && error.is("slot_taken", "hold_expired");

export function usePairPicker(member: HoldMember, initialHold: HeldPairView | null = null): PairPicker {
  const { t } = useTranslation();
  const api = useApi();
  const [params, setParams] = useState<SearchParams | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [searching, setSearching] = useState(false);
  const [hold, setHold] = useState<HeldPairView | null>(initialHold);
  const [notice, setNotice] = useState<string | null>(null);
  const lastParams = useRef<SearchParams | null>(null);

  const run = useCallback(
    async (next: SearchParams, keepNotice: boolean) => {
      lastParams.current = next;
      setParams(next);
      setSearching(true);
      if (!keepNotice) setNotice(null);
      try {
        setResult(await searchPairs(api, next));
      } catch (e) {
        setNotice(errorMessage(e, t("errors.unexpected")));
      } finally {
        setSearching(false);
      }
    },
    [api, t],
  );

  const pairLost = useCallback(
    (message: string, keepHold = false) => {
      if (!keepHold) setHold(null);
      setNotice(message);
      if (lastParams.current) void run(lastParams.current, true);
    },
    [run],
  );

  const holdPairOf = useCallback(
    async (pair: PairView) => {
      setNotice(null);
      try {
        setHold(await holdPair(api, pair.firstSlotId, member, hold?.holdId));
      } catch (e) {
        // A failed hold changes nothing on the server: a hold held before stays held.
        if (isPairLost(e)) pairLost(errorMessage(e, ""), true);
        else setNotice(errorMessage(e, t("errors.unexpected")));
      }
    },
    [api, hold, member, pairLost, t],
  );

  const release = useCallback(async () => {
    if (!hold) return;
    try {
      await releaseHold(api, hold.holdId);
      setHold(null);
      setNotice(t("booking.released"));
    } catch (e) {
      setNotice(errorMessage(e, t("errors.unexpected")));
    }
  }, [api, hold, t]);

  const search = useCallback((next: SearchParams) => run(next, false), [run]);
  const forgetHold = useCallback(() => setHold(null), []);
  return { params, result, searching, hold, notice, search, holdPairOf, release, pairLost, forgetHold };
}
