// Free appointment pairs per KV region; a region without any is marked "ausgebucht".
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { LevelBadge } from "./LevelBadge.tsx";
import { Stat, Tile } from "./Stat.tsx";

export function FreePairsTile({ regions }: { regions: WallboardSnapshot["freePairs"]["regions"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Tile id="wb-regions" title={t("supervisor.regions.heading")}>
      <dl className="stats">
        {regions.map((r) => (
          <Stat
            key={r.regionId}
            label={r.name}
            tone={r.full ? "alert" : undefined}
            value={
              <>
                {numberText(r.freePairs, i18n.language)}
                {r.full && (
                  <>
                    {" "}
                    <LevelBadge level="full" />
                  </>
                )}
              </>
            }
          />
        ))}
      </dl>
    </Tile>
  );
}
