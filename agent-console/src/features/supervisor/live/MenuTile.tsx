// Callers in the phone menu right now, by step (the call desk's German step names).
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { useLabel } from "../../../app/use-label.ts";
import { menuInOrder } from "../wallboard-labels.ts";
import { Stat, Tile } from "./Stat.tsx";

export function MenuTile({ menu }: { menu: WallboardSnapshot["menu"] }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const total = menu.reduce((sum, m) => sum + m.calls, 0);
  return (
    <Tile id="wb-menu" title={t("supervisor.menu.heading")}>
      <dl className="stats">
        <Stat label={t("supervisor.menu.total")} value={numberText(total, i18n.language)} />
      </dl>
      {menu.length === 0 ? (
        <p>{t("supervisor.menu.none")}</p>
      ) : (
        <dl className="rows">
          {menuInOrder(menu).map((m) => (
            <div key={m.step}>
              <dt>{label("step", m.step)}</dt>
              <dd>{numberText(m.calls, i18n.language)}</dd>
            </div>
          ))}
        </dl>
      )}
    </Tile>
  );
}
