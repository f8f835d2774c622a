// A ticking "mm:ss" since a moment: the talk time of a call, the time in the agent's state.
import { minutesSeconds } from "./format.ts";
import { useNow } from "./use-now.ts";

export function Elapsed({ since, until }: { since: string; until?: string | null }) {
  const now = useNow();
  const end = until ? Date.parse(until) : now;
  return <span role="timer">{minutesSeconds(Math.max(0, Math.round((end - Date.parse(since)) / 1000)))}</span>;
}
