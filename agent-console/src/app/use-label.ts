// Labels for codes the server sends (languages, reasons, menu steps …): the translation
// when there is one, else the code itself, so a new code shows instead of vanishing.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export function useLabel(): (group: string, code: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: string, code: string) => (i18n.exists(`${group}.${code}`) ? t(`${group}.${code}`) : code),
    [t, i18n],
  );
}
