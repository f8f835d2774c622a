// One big figure for across the room: label, number, a line of context and, where the
// supervisor set thresholds, its level as a word and symbol (colour only adds to them).
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TileLevel } from "@contracts/supervisor-api.ts";

const SYMBOL: Record<TileLevel, string> = { ok: "●", warning: "▲", critical: "■" };
const WORD: Record<TileLevel, string> = {
  ok: "supervisor.kpi.ok",
  warning: "supervisor.kpi.warning",
  critical: "supervisor.kpi.critical",
};

export function Kpi({
  label,
  value,
  detail,
  level,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  level?: TileLevel;
}) {
  const { t } = useTranslation();
  return (
    <div className={`kpi${level ? ` kpi-${level}` : ""}`}>
      <dt>{label}</dt>
      <dd className="kpi-value">{value}</dd>
      {level && (
        <dd className="kpi-level">
          <span aria-hidden="true">{SYMBOL[level]} </span>
          {t(WORD[level])}
        </dd>
      )}
      {detail && <dd className="kpi-detail">{detail}</dd>}
    </div>
  );
}
