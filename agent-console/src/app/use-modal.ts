// What makes a dialog modal for keyboard users, not just for the eye: focus moves in (to
// `[data-autofocus]`, else the first control), Tab and Shift+Tab go round inside it and never
// reach the page behind, focus that lands outside anyway (a click, a screen reader) is brought
// back, Escape closes, and focus returns to whatever opened the dialog. Only the topmost of
// nested dialogs reacts.
import { useEffect, useRef, type RefObject } from "react";

const FOCUSABLE =
  "a[href], area[href], input:not([type='hidden']), select, textarea, button, iframe, [contenteditable='true'], [tabindex]";

const open: HTMLElement[] = [];

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.hasAttribute("disabled") && !el.closest("[hidden]"),
  );
}

export function useModal(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    open.push(dialog);
    const first = () => dialog.querySelector<HTMLElement>("[data-autofocus]") ?? focusables(dialog)[0] ?? dialog;
    if (!dialog.contains(document.activeElement)) first().focus();

    const onKey = (event: KeyboardEvent) => {
      if (open.at(-1) !== dialog) return;
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close.current();
        return;
      }
      if (event.key !== "Tab") return;
      const items = focusables(dialog);
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey
        ? at <= 0
          ? items.at(-1)
          : undefined
        : at === -1 || at === items.length - 1
          ? items[0]
          : undefined;
      if (next || items.length === 0) {
        event.preventDefault();
        (next ?? dialog).focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (open.at(-1) === dialog && event.target instanceof Node && !dialog.contains(event.target)) first().focus();
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn);
      open.splice(open.indexOf(dialog), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
