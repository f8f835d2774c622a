import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { rememberLanguage, uiLanguage } from "../i18n.ts";

/** Switches the console between German and English; the API answers in the same language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = uiLanguage(i18n);
  useEffect(() => {
    document.documentElement.lang = current;
  }, [current]);
  const other = current === "de" ? "en" : "de";
  return (
    <button type="button" lang={other} onClick={() => (rememberLanguage(other), void i18n.changeLanguage(other))}>
      {t("language.switchTo")}
    </button>
  );
}
