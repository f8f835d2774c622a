import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { uiLanguage } from "../i18n.ts";
import { createApiClient, type ApiClient } from "./api-client.ts";

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  const { i18n } = useTranslation();
  const api = useMemo(
    () =>
      client ??
      createApiClient({
        language: () => uiLanguage(i18n),
        messages: () => ({ network: i18n.t("errors.network"), unexpected: i18n.t("errors.unexpected") }),
      }),
    [client, i18n],
  );
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside ApiProvider");
  return api;
}
