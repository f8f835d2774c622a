import { useTranslation } from "react-i18next";
import type { PairView } from "@contracts/console-api.ts";
import { Countdown } from "../../app/Countdown.tsx";
import { DateTime } from "../../app/DateTime.tsx";

/** Both appointments of a pair and, when it is held, how long the hold lasts. */
export function HeldPairSummary({ pair }: { pair: PairView & { expiresAt?: string } }) {
  const { t } = useTranslation();
  return (
    <ul className="pair">
      <li>
        {t("pair.first")}: <DateTime iso={pair.firstStartsAt} />
      </li>
      <li>
        {t("pair.second")}: <DateTime iso={pair.secondStartsAt} />
      </li>
      {pair.expiresAt && (
        <li>
          {t("pair.holdLabel")}: <Countdown until={pair.expiresAt} />
        </li>
      )}
    </ul>
  );
}
