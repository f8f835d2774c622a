// The caller languages, one list: the voice locales (ivr/src/locales/<lang>/), the voices
// that speak them, the supervisors' announcement and the console's labels all follow it.
// German first: it is the default and the fallback.
export const LANGUAGES = ["de", "en", "tr", "ru", "pl", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
