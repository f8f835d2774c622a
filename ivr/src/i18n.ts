// Every caller prompt and every message is an i18next key; German is the fallback, never
// English. Locale files live in ivr/src/locales/<lang>/<namespace>.json.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type Resource } from "i18next";
import { LANGUAGES, type Language } from "./contracts/languages.ts";

export { isLanguage, LANGUAGES, type Language } from "./contracts/languages.ts";
export const DEFAULT_LANGUAGE: Language = "de";

export const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), "locales");

export function loadResources(dir = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    const folder = join(dir, lang);
    if (!existsSync(folder)) continue;
    resources[lang] = {};
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
      resources[lang][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(folder, file), "utf8"));
    }
  }
  return resources;
}

export async function createI18n(): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: loadResources(),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ["errors", "voice"],
    defaultNS: "errors",
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
