// A modal for the accounts page: focus goes to the first control inside (or `initialFocus`),
// Tab stays inside, Escape closes, and focus returns to whatever opened it.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";

interface Props {
  title: string;
  role?: "dialog" | "alertdialog";
  onClose(): void;
  children: ReactNode;
}

const FOCUSABLE = "input, select, textarea, button, [tabindex]:not([tabindex='-1'])";

export function Dialog({ title, role = "dialog", onClose, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("[data-autofocus]") ?? ref.current?.querySelector(FOCUSABLE);
    (first as HTMLElement | null | undefined)?.focus();
    return () => opener?.focus();
  }, []);

  function keys(event: KeyboardEvent) {
    if (event.key === "Escape") return onClose();
    if (event.key !== "Tab" || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !el.hasAttribute("disabled"),
    );
    // Tab on the last control goes to the first, Shift+Tab on the first to the last.
    const at = items.indexOf(document.activeElement as HTMLElement);
    let wrapTo: HTMLElement | undefined;
    if (event.shiftKey && at === 0) wrapTo = items.at(-1);
    if (!event.shiftKey && at === items.length - 1) wrapTo = items[0];
    if (wrapTo) {
      event.preventDefault();
      wrapTo.focus();
    }
  }

  return (
    <div className="dialog-backdrop">
      <div ref={ref} role={role} aria-modal="true" aria-labelledby={`${id}-title`} className="dialog" onKeyDown={keys}>
        <h3 id={`${id}-title`}>{title}</h3>
        {children}
      </div>
    </div>
  );
}
