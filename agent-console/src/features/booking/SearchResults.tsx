// Centres with their true number of free pairs and the pairs offered to hold.
import { useTranslation } from "react-i18next";
import type { CentreOption, PairView, SearchResult } from "@contracts/console-api.ts";
import { DateTime } from "../../app/DateTime.tsx";
import { dateTimeText, numberText } from "../../app/format.ts";

interface Props {
  result: SearchResult;
  heldFirstSlotId: number | null;
  onHold(pair: PairView): void;
}

export function SearchResults({ result, heldFirstSlotId, onHold }: Props) {
  const { t } = useTranslation();
  return (
    <div className="results" aria-live="polite">
      {result.regionFull && (
        <p role="status" className="notice">
          {t("booking.regionFull")}
        </p>
      )}
      {!result.regionFull && result.options.length === 0 && <p role="status">{t("booking.noOptions")}</p>}
      {result.options.map((option) => (
        <CentreCard key={option.centreId} option={option} heldFirstSlotId={heldFirstSlotId} onHold={onHold} />
      ))}
    </div>
  );
}

function CentreCard({ option, heldFirstSlotId, onHold }: { option: CentreOption } & Omit<Props, "result">) {
  const { t, i18n } = useTranslation();
  return (
    <article className="centre" aria-labelledby={`centre-${option.centreId}`}>
      <h4 id={`centre-${option.centreId}`}>{option.centreName}</h4>
      <p className="hint">
        {option.city} · {option.districtName} · {option.region}
        {option.distanceKm !== null && (
          <> · {t("booking.distance", { km: numberText(option.distanceKm, i18n.language, 1) })}</>
        )}
      </p>
      <p>
        {option.freePairs > 0
          ? t("booking.freePairs", { pairs: numberText(option.freePairs, i18n.language) })
          : t("booking.noFreePairs")}
      </p>
      <ul className="pairs">
        {option.pairs.map((pair) => (
          <li key={pair.firstSlotId}>
            <span>
              {t("pair.first")}: <DateTime iso={pair.firstStartsAt} />
            </span>
            <span>
              {t("pair.second")}: <DateTime iso={pair.secondStartsAt} />
            </span>
            {pair.firstSlotId === heldFirstSlotId ? (
              <strong>{t("booking.held")}</strong>
            ) : (
              <button
                type="button"
                onClick={() => onHold(pair)}
                aria-label={t("booking.holdPair", {
                  when: t("common.dateTime", { value: dateTimeText(pair.firstStartsAt, i18n.language) }),
                })}
              >
                {t("booking.hold")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
