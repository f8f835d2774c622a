import { useTranslation } from "react-i18next";
import { durationParts } from "./format.ts";

/** "3 Min. 20 Sek.", "3 Min.", "45 Sek." */
export function Duration({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const { minutes, seconds: rest } = durationParts(seconds);
  if (minutes === 0) return <>{t("common.durationSeconds", { seconds: rest })}</>;
  if (rest === 0) return <>{t("common.durationMinutes", { minutes })}</>;
  return <>{t("common.durationMinutesSeconds", { minutes, seconds: rest })}</>;
}
