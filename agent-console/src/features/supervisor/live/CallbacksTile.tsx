// Callback requests by state, and the attempts made so far.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { Stat, Tile } from "./Stat.tsx";

export function CallbacksTile({ callbacks: c }: { callbacks: WallboardSnapshot["callbacks"] }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => numberText(value, i18n.language);
  return (
    <Tile id="wb-callbacks" title={t("supervisor.callbacks.heading")}>
      <dl className="stats">
        <Stat label={t("supervisor.callbacks.pending")} value={n(c.pending)} />
        <Stat label={t("supervisor.callbacks.due")} value={n(c.due)} />
        <Stat
          label={t("supervisor.callbacks.overdue")}
          value={n(c.overdue)}
          tone={c.overdue > 0 ? "alert" : undefined}
        />
        <Stat label={t("supervisor.callbacks.inProgress")} value={n(c.inProgress)} />
        <Stat label={t("supervisor.callbacks.failed")} value={n(c.failed)} />
        <Stat label={t("supervisor.callbacks.done")} value={n(c.done)} />
        <Stat label={t("supervisor.callbacks.awaitingSupply")} value={n(c.awaitingSupply)} />
        <Stat label={t("supervisor.callbacks.attempts")} value={n(c.attempts)} />
      </dl>
    </Tile>
  );
}
