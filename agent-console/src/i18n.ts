// One i18next instance per app (and per test): German by default, English on request.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import de from "./locales/de.json";
import en from "./locales/en.json";

export const UI_LANGUAGES = ["de", "en"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const STORAGE_KEY = "agent-console.language";

export const resources = { de: { translation: de }, en: { translation: en } } as const;

export function storedLanguage(): UiLanguage {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "de";
  } catch {
    return "de";
  }
}

export function rememberLanguage(language: UiLanguage): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function createI18n(language: UiLanguage = storedLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "de",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** The language the API should answer error messages in. */
export function uiLanguage(instance: i18n): UiLanguage {
  return instance.language === "en" ? "en" : "de";
}
