// Every prompt a step can say exists in every caller language, and no locale carries keys
// nobody says. Keys are read from the step sources, so a new prompt without translations fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, loadResources } from "../i18n.ts";

const SOURCES = [
  join(import.meta.dirname, "steps"),
  import.meta.dirname,
  join(import.meta.dirname, "..", "transport", "voice"),
];
// Any string literal shaped like a prompt key ("offer.options") counts as said.
const KEY_PATTERNS = [/"([a-z_]+\.[a-z_]+)"/g];

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const pattern of KEY_PATTERNS) for (const m of text.matchAll(pattern)) keys.add(m[1]!);
    }
  }
  return keys;
}

function flatten(obj: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof v === "string") out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("voice prompts", () => {
  const resources = loadResources();
  const used = usedKeys();
  const german = flatten(resources.de!.voice);

  it("when the steps are scanned, then they use a plausible number of prompt keys", () => {
    expect(used.size).toBeGreaterThan(40);
  });

  it.each([...LANGUAGES])(
    "when a step says a key, then the %s locale has it, with the same placeholders as German",
    (lang) => {
      const locale = flatten(resources[lang]?.voice ?? {});
      const missing = [...used].filter((k) => !(k in locale));
      expect(missing).toEqual([]);
      for (const key of used) expect(placeholders(locale[key]!), `${lang}:${key}`).toEqual(placeholders(german[key]!));
    },
  );

  it("when a German key exists, then some step says it (no dead prompts)", () => {
    expect(Object.keys(german).filter((k) => !used.has(k))).toEqual([]);
  });

  it.each([...LANGUAGES])(
    "when the %s locale is loaded, then it has no keys German lacks and no empty texts",
    (lang) => {
      const locale = flatten(resources[lang]?.voice ?? {});
      expect(Object.keys(locale).filter((k) => !(k in german))).toEqual([]);
      expect(Object.entries(locale).filter(([, v]) => v.trim() === "")).toEqual([]);
    },
  );
});
