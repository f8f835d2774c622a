import { useTranslation } from "react-i18next";
import { dateTimeText } from "./format.ts";

/** "Di., 26.01.2021, 10:00 Uhr" in a <time> element. */
export function DateTime({ iso }: { iso: string }) {
  const { t, i18n } = useTranslation();
  return <time dateTime={iso}>{t("common.dateTime", { value: dateTimeText(iso, i18n.language) })}</time>;
}
