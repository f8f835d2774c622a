// A small modal question. Focus goes to the safe choice; Tab stays inside; Escape cancels;
// afterwards focus returns to what opened it, if that is still on the page.
import { useId, useRef } from "react";
import { useModal } from "./use-modal.ts";

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, text, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useModal(ref, onCancel);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        className="dialog"
        tabIndex={-1}
      >
        <h3 id={`${id}-title`}>{title}</h3>
        <p id={`${id}-text`}>{text}</p>
        <div className="actions">
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" data-autofocus onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
