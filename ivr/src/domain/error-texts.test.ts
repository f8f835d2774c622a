// Every error the API, the console or a caller can meet has a plain text in all six languages,
// with the same placeholders as the German one: a code added in German only fails here.
import { describe, expect, it } from "vitest";
import { LANGUAGES, loadResources } from "../i18n.ts";
import { DOMAIN_ERROR_CODES } from "./errors.ts";

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("error texts", () => {
  const resources = loadResources();
  const german = resources.de!.errors as Record<string, string>;

  it("when a domain error is reported, then its code has a German text", () => {
    expect(DOMAIN_ERROR_CODES.filter((code) => typeof german[code] !== "string")).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== "de"))(
    "when the language is %s, then every German error text has a translation with the same placeholders",
    (language) => {
      const texts = resources[language]!.errors as Record<string, string>;
      const keys = Object.keys(german);
      expect(keys.length).toBeGreaterThan(25);
      expect(keys.filter((k) => typeof texts[k] !== "string" || texts[k]!.trim() === "")).toEqual([]);
      expect(keys.filter((k) => placeholders(texts[k]!).join() !== placeholders(german[k]!).join())).toEqual([]);
      expect(Object.keys(texts).filter((k) => !(k in german))).toEqual([]);
    },
  );
});
