// A modal for the accounts page: focus goes to the first control inside (or `data-autofocus`),
// Tab stays inside, Escape closes, and focus returns to whatever opened it (see useModal).
import { useId, useRef, type ReactNode } from "react";
import { useModal } from "../../app/use-modal.ts";

interface Props {
  title: string;
  role?: "dialog" | "alertdialog";
  onClose(): void;
  children: ReactNode;
}

export function Dialog({ title, role = "dialog", onClose, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useModal(ref, onClose);
  return (
    <div className="dialog-backdrop">
      <div ref={ref} role={role} aria-modal="true" aria-labelledby={`${id}-title`} className="dialog" tabIndex={-1}>
        <h3 id={`${id}-title`}>{title}</h3>
        {children}
      </div>
    </div>
  );
}
