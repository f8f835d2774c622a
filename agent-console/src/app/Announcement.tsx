// A message about what just happened (an error, a pair lost, "Umgebucht"), brought into view
// and focused each time it changes, so it is never shown above the viewport while focus stays
// below. Field problems use ErrorText beside their field instead.
import { useEffect, useRef } from "react";

interface Props {
  id?: string;
  message: string | null;
  role?: "alert" | "status";
  className?: string;
  /** Counts repeats of the same text (the same error twice must show again). */
  version?: number;
}

export function Announcement({ id, message, role = "alert", className = "error-text", version = 0 }: Props) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!message || !el) return;
    // jsdom has no scrollIntoView; browsers all do.
    el.scrollIntoView?.({ block: "center" });
    el.focus({ preventScroll: true });
  }, [message, version]);
  return (
    <p id={id} ref={ref} role={role} className={className} tabIndex={-1} hidden={!message}>
      {message}
    </p>
  );
}
