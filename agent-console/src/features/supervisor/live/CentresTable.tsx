// Every vaccination centre with its free pairs: full ones first, then nearly full ones. Three
// columns, the region a line under the centre's name, so that the level stays in view in a
// quarter of the wallboard's width instead of behind a sideways scroll.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { centresByUrgency } from "../wallboard-labels.ts";
import { LevelBadge } from "./LevelBadge.tsx";
import { Tile } from "./Stat.tsx";

export function CentresTable({ freePairs }: { freePairs: WallboardSnapshot["freePairs"] }) {
  const { t, i18n } = useTranslation();
  const regionName = new Map(freePairs.regions.map((r) => [r.regionId, r.name]));
  const full = freePairs.centres.filter((c) => c.level === "full").length;
  const nearlyFull = freePairs.centres.filter((c) => c.level === "nearly-full").length;
  return (
    <Tile id="wb-centres" title={t("supervisor.centres.heading")}>
      <p className="summary">
        {t("supervisor.centres.summary", { full, nearlyFull, total: freePairs.centres.length })}
      </p>
      <div className="table-scroll centres-scroll">
        <table className="figures centres">
          <caption className="sr-only">{t("supervisor.centres.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("supervisor.centres.centre")}</th>
              <th scope="col">{t("supervisor.centres.freePairs")}</th>
              <th scope="col">{t("supervisor.centres.level")}</th>
            </tr>
          </thead>
          <tbody>
            {centresByUrgency(freePairs.centres).map((c) => (
              <tr key={c.centreId} className={`level-row-${c.level}`}>
                <th scope="row">
                  {c.name}
                  <span className="centre-region">{regionName.get(c.regionId) ?? c.regionId}</span>
                </th>
                <td>{numberText(c.freePairs, i18n.language)}</td>
                <td>
                  <LevelBadge level={c.level} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Tile>
  );
}
