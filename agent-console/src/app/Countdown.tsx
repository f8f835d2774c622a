import { useTranslation } from "react-i18next";
import { minutesSeconds } from "./format.ts";
import { useNow } from "./use-now.ts";

/** Time left until `until`, ticking; a timer role, so screen readers do not read every tick. */
export function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const left = Math.ceil((Date.parse(until) - useNow()) / 1000);
  return (
    <span role="timer" className={left <= 60 ? "countdown countdown-low" : "countdown"}>
      {left > 0 ? t("common.expiresIn", { time: minutesSeconds(left) }) : t("common.expired")}
    </span>
  );
}
