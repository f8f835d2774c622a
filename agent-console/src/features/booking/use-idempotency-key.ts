// One idempotency key per booking attempt: the same request retried (after a lost answer)
// reuses it, so the server books once; a changed request (other pair, corrected person) is
// a new attempt with a new key.
import { useCallback, useRef } from "react";

export function useIdempotencyKey(): { keyFor(request: unknown): string; reset(): void } {
  const current = useRef<{ fingerprint: string; key: string } | null>(null);
  const keyFor = useCallback((request: unknown) => {
    const fingerprint = JSON.stringify(request);
    if (current.current?.fingerprint !== fingerprint) current.current = { fingerprint, key: crypto.randomUUID() };
    return current.current.key;
  }, []);
  const reset = useCallback(() => void (current.current = null), []);
  return { keyFor, reset };
}
