// One figure on the wallboard: a label and a big number. Used inside <dl className="stats">.
import type { ReactNode } from "react";

interface Props {
  label: string;
  value: ReactNode;
  /** "alert": needs attention now (shown bold red and with the label's own wording). */
  tone?: "alert";
}

export function Stat({ label, value, tone }: Props) {
  return (
    <div className={tone === "alert" ? "stat stat-alert" : "stat"}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A tile: a titled, labelled region of figures. */
export function Tile({
  id,
  title,
  children,
  size,
}: {
  id: string;
  title: string;
  children: ReactNode;
  size?: "double" | "wide";
}) {
  return (
    <section aria-labelledby={id} className={size ? `tile tile-${size}` : "tile"}>
      <h4 id={id}>{title}</h4>
      {children}
    </section>
  );
}
