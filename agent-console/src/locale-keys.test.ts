// Every text the console shows exists in German and English, with the same placeholders,
// and no locale carries keys nobody uses. Keys are read from the sources: any string literal
// shaped like a key ("booking.hold") whose first part is a locale section counts as used;
// keys built at run time (t(`reason.${code}`), label("reason", code)) must be listed below
// with the codes they can take, so a new family without translations fails here too.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_STATES, CALLBACK_OUTCOMES, NOT_READY_REASONS, ROLES, WRAP_UP_OUTCOMES } from "@contracts/console-api.ts";
import { LANGUAGES } from "@contracts/languages.ts";
import { MONITOR_MODES } from "@contracts/call-control.ts";
import { NEED_VALUES } from "@contracts/centre-day-api.ts";
import { STEP_NAMES } from "@contracts/menu-steps.ts";
import { REASONS } from "./features/call/call-labels.ts";
import { DEVICE_STATUSES } from "./features/call/Softphone.tsx";
import { BOOKING_MODES } from "./features/booking/BookingArea.tsx";
import { PERSON_FIELDS } from "./features/booking/person-input.ts";
import { CALLBACK_COUNT_KEYS, CALLBACK_STATUSES } from "./features/callbacks/callbacks-api.ts";
import de from "./locales/de.json";
import en from "./locales/en.json";

const DYNAMIC: Record<string, readonly string[]> = {
  agentState: AGENT_STATES,
  role: ROLES,
  outcome: CALLBACK_OUTCOMES,
  notReady: NOT_READY_REASONS,
  wrapUpOutcome: WRAP_UP_OUTCOMES,
  language: LANGUAGES,
  reason: REASONS,
  step: STEP_NAMES,
  "worklist.need": ["name", "address"],
  "phone.status": DEVICE_STATUSES,
  "booking.mode": BOOKING_MODES,
  person: PERSON_FIELDS,
  callbackStatus: CALLBACK_STATUSES,
  callbackCount: CALLBACK_COUNT_KEYS,
  bookingStatus: ["active", "cancelled"],
  "call.kind": ["inbound", "callback"],
  "liveCalls.mode": MONITOR_MODES,
  "liveCalls.button": MONITOR_MODES,
  "liveCalls.buttonLabel": MONITOR_MODES,
  "centre.need": NEED_VALUES,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "test" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function flatten(obj: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof v === "string") out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

const german = flatten(de);
const english = flatten(en);
const sections = new Set(Object.keys(de));
const texts = sources(import.meta.dirname).map((file) => readFileSync(file, "utf8"));

const staticKeys = new Set(
  texts
    .flatMap((text) => [...text.matchAll(/["'`]([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9-]+)+)["'`]/g)].map((m) => m[1]!))
    .filter((key) => sections.has(key.split(".")[0]!)),
);
const dynamicFamilies = new Set(
  texts.flatMap((text) => [
    ...[...text.matchAll(/`([a-zA-Z.]+)\.\$\{/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\blabel\(\s*"([a-zA-Z.]+)"/g)].map((m) => m[1]!),
  ]),
);
const dynamicKeys = Object.entries(DYNAMIC).flatMap(([family, codes]) => codes.map((code) => `${family}.${code}`));
const used = new Set([...staticKeys, ...dynamicKeys]);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("console texts", () => {
  it("when the sources are scanned, then they use a plausible number of keys", () => {
    expect(staticKeys.size).toBeGreaterThan(100);
    expect(dynamicFamilies.size).toBeGreaterThan(8);
  });

  it("when a key is built at run time, then its family lists the codes it can take", () => {
    expect([...dynamicFamilies].filter((family) => !(family in DYNAMIC))).toEqual([]);
  });

  it.each([
    ["de", german],
    ["en", english],
  ])("when a key is used, then the %s locale has it, with the same placeholders as German", (_lang, locale) => {
    expect([...used].filter((key) => !(key in locale))).toEqual([]);
    for (const key of used) expect(placeholders(locale[key] ?? ""), key).toEqual(placeholders(german[key] ?? ""));
  });

  it("when German and English are compared, then they have exactly the same keys and no empty texts", () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(german).sort());
    expect(Object.entries({ ...german, ...english }).filter(([, v]) => v.trim() === "")).toEqual([]);
  });

  it("when a German key exists, then the console uses it (no dead texts)", () => {
    expect(Object.keys(german).filter((key) => !used.has(key))).toEqual([]);
  });
});
