// Alt+letter shortcuts for the whole page. Matches the physical key (event.code) too, since
// Alt+A types "å" on some layouts.
import { useEffect, useRef } from "react";

export function useShortcut(letter: string, action: () => void, enabled = true): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return;
    const wanted = letter.toLowerCase();
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (event.code !== `Key${wanted.toUpperCase()}` && event.key.toLowerCase() !== wanted) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [letter, enabled]);
}
