// Today's series (Berlin day), loaded on mount and every minute after.
import { useEffect, useState } from "react";
import { berlinDay } from "../supervisor-format.ts";
import { useSupervisorApi, type DaySeries } from "../supervisor-api.ts";

export const DAY_REFRESH_MS = 60_000;

export function useDaySeries(): { day: DaySeries | null; error: unknown } {
  const api = useSupervisorApi();
  const [state, setState] = useState<{ day: DaySeries | null; error: unknown }>({ day: null, error: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      api.day(berlinDay(new Date())).then(
        (day) => live && setState({ day, error: null }),
        (error: unknown) => live && setState((s) => ({ ...s, error })),
      );
    void load();
    const timer = setInterval(() => void load(), DAY_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  return state;
}
