import { useTranslation } from "react-i18next";
import { hoursMinutes, minutesSeconds } from "./format.ts";
import { useNow } from "./use-now.ts";

/**
 * Time left until `until`, ticking; a timer role, so screen readers do not read every tick.
 * Under an hour as "04:59"; longer (a callback's pair is held up to 24 h) as "23 Std. 59 Min.".
 */
export function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const left = Math.ceil((Date.parse(until) - useNow()) / 1000);
  const time = left >= 3600 ? t("common.durationHoursMinutes", hoursMinutes(left)) : minutesSeconds(left);
  return (
    <span role="timer" className={left <= 60 ? "countdown countdown-low" : "countdown"}>
      {left > 0 ? t("common.expiresIn", { time }) : t("common.expired")}
    </span>
  );
}
