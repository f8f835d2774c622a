// The width a chart may take, followed as the element resizes. Where ResizeObserver is
// missing (jsdom) or the element has no width yet, charts keep a fixed fallback size, so
// they render without measuring (and without size warnings).
import { useEffect, useRef, useState, type RefObject } from "react";

export function useWidth<T extends HTMLElement>(fallback: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
