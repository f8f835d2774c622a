import { useTranslation } from "react-i18next";
import { durationParts, hoursMinutes } from "./format.ts";

/** "3 Min. 20 Sek.", "3 Min.", "45 Sek."; from an hour on "1 Std. 5 Min." (seconds no longer matter). */
export function Duration({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  if (seconds >= 3600) return <>{t("common.durationHoursMinutes", hoursMinutes(seconds))}</>;
  const { minutes, seconds: rest } = durationParts(seconds);
  if (minutes === 0) return <>{t("common.durationSeconds", { seconds: rest })}</>;
  if (rest === 0) return <>{t("common.durationMinutes", { minutes })}</>;
  return <>{t("common.durationMinutesSeconds", { minutes, seconds: rest })}</>;
}
