// A panel that replaces what had the focus (the call's "Gespräch beenden", the callback's
// outcome buttons) takes it over, so that a keyboard user's next Tab starts there instead of
// after the vanished button, past the panel. Only focus that is lost is moved: an agent typing
// in the booking form when the caller hangs up keeps typing.
import { useEffect, type RefObject } from "react";

export function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/**
 * Watches for a short while after the panel appears: the button that had the focus may go
 * before the panel comes (the server's push is slower than the click) or after it (faster).
 */
export function useFocusIfLost(ref: RefObject<HTMLElement | null>, forMs = 2_000): void {
  useEffect(() => {
    const until = Date.now() + forMs;
    let timer: ReturnType<typeof setInterval> | undefined = undefined;
    const check = () => {
      if (focusIsLost()) ref.current?.focus();
      else if (Date.now() < until) return;
      clearInterval(timer);
    };
    timer = setInterval(check, 50);
    check();
    return () => clearInterval(timer);
  }, [ref, forMs]);
}
