// The overflow and service settings a supervisor edits, as form texts: read from the settings, checked,
// and turned into a SettingsUpdate holding only what changed.
import type { OperationsSettings, SettingsUpdate } from "../supervisor-api.ts";

/** The service settings' fields: target and the tiles' thresholds, all whole numbers. */
export const SERVICE_FIELDS = [
  "targetPercent",
  "targetSeconds",
  "serviceLevelRedPercent",
  "longestWaitAmberSeconds",
  "longestWaitRedSeconds",
  "callbacksOverdueAmber",
  "callbacksOverdueRed",
  "longWrapUpSeconds",
  "shortAbandonSeconds",
] as const satisfies readonly (keyof OperationsSettings["service"])[];
type ServiceField = (typeof SERVICE_FIELDS)[number];

export type FieldId =
  | "capacity"
  | "offerCallbackAboveMinutes"
  | "opensAt"
  | "closesAt"
  | "maxAttempts"
  | "retryDelaysMinutes"
  | ServiceField;
type Group = "hotline" | "queue" | "callbacks" | "service";
type Kind = "int" | "time" | "list";

export interface FieldDef {
  id: FieldId;
  group: Group;
  kind: Kind;
  label: string;
}

export const SETTINGS_FIELDS: FieldDef[] = [
  { id: "capacity", group: "queue", kind: "int", label: "supervisor.settings.capacity" },
  { id: "offerCallbackAboveMinutes", group: "queue", kind: "int", label: "supervisor.settings.offerCallback" },
  { id: "opensAt", group: "hotline", kind: "time", label: "supervisor.settings.opensAt" },
  { id: "closesAt", group: "hotline", kind: "time", label: "supervisor.settings.closesAt" },
  { id: "maxAttempts", group: "callbacks", kind: "int", label: "supervisor.settings.maxAttempts" },
  { id: "retryDelaysMinutes", group: "callbacks", kind: "list", label: "supervisor.settings.retryDelays" },
  { id: "targetPercent", group: "service", kind: "int", label: "supervisor.settings.targetPercent" },
  { id: "targetSeconds", group: "service", kind: "int", label: "supervisor.settings.targetSeconds" },
  { id: "serviceLevelRedPercent", group: "service", kind: "int", label: "supervisor.settings.serviceLevelRedPercent" },
  {
    id: "longestWaitAmberSeconds",
    group: "service",
    kind: "int",
    label: "supervisor.settings.longestWaitAmberSeconds",
  },
  { id: "longestWaitRedSeconds", group: "service", kind: "int", label: "supervisor.settings.longestWaitRedSeconds" },
  { id: "callbacksOverdueAmber", group: "service", kind: "int", label: "supervisor.settings.callbacksOverdueAmber" },
  { id: "callbacksOverdueRed", group: "service", kind: "int", label: "supervisor.settings.callbacksOverdueRed" },
  { id: "longWrapUpSeconds", group: "service", kind: "int", label: "supervisor.settings.longWrapUpSeconds" },
  { id: "shortAbandonSeconds", group: "service", kind: "int", label: "supervisor.settings.shortAbandonSeconds" },
];

export const INVALID_KEYS: Record<Kind, string> = {
  int: "supervisor.settings.intInvalid",
  time: "supervisor.settings.timeInvalid",
  list: "supervisor.settings.listInvalid",
};

export type FormValues = Record<FieldId, string>;
type Value = number | string | number[];

export function valuesOf(s: OperationsSettings): FormValues {
  return {
    capacity: String(s.queue.capacity),
    offerCallbackAboveMinutes: String(s.queue.offerCallbackAboveMinutes),
    opensAt: s.hotline.opensAt,
    closesAt: s.hotline.closesAt,
    maxAttempts: String(s.callbacks.maxAttempts),
    retryDelaysMinutes: s.callbacks.retryDelaysMinutes.join(", "),
    ...(Object.fromEntries(SERVICE_FIELDS.map((f) => [f, String(s.service[f])])) as Record<ServiceField, string>),
  };
}

/** The value a text stands for ("8:00" → "08:00"); null when it is not one (ranges are the server's to check). */
export function parse(kind: Kind, text: string): Value | null {
  const trimmed = text.trim();
  if (kind === "int") return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
  if (kind === "time") {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(trimmed);
    return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
  }
  const parts = trimmed.split(/\s*[,;]\s*|\s+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : null;
}

export interface Changes {
  update: SettingsUpdate;
  changed: FieldDef[];
  /** Fields the form cannot send, each with the key of its message. */
  invalid: Partial<Record<FieldId, string>>;
}

export function changesBetween(baseline: FormValues, values: FormValues): Changes {
  const update: Record<string, Record<string, Value>> = {};
  const changed: FieldDef[] = [];
  const invalid: Changes["invalid"] = {};
  for (const field of SETTINGS_FIELDS) {
    const next = parse(field.kind, values[field.id]);
    if (next === null) {
      invalid[field.id] = INVALID_KEYS[field.kind];
      continue;
    }
    if (JSON.stringify(next) === JSON.stringify(parse(field.kind, baseline[field.id]))) continue;
    (update[field.group] ??= {})[field.id] = next;
    changed.push(field);
  }
  // Only changed fields are sent, so the server cannot compare a new opening time with the
  // closing time it keeps: the form does.
  const opens = parse("time", values.opensAt);
  const closes = parse("time", values.closesAt);
  if (opens !== null && closes !== null && opens >= closes)
    invalid.opensAt = invalid.closesAt = "supervisor.settings.hoursOrder";
  return { update: update as SettingsUpdate, changed, invalid };
}

/** Fields named by the issues of a "settings_invalid" answer: paths such as queue.capacity, or just hotline. */
export function fieldsOfIssues(issues: unknown): FieldId[] {
  if (!Array.isArray(issues)) return [];
  const paths = issues.filter((i): i is string => typeof i === "string");
  return SETTINGS_FIELDS.filter((f) => {
    const path = [f.group, f.id].join(".");
    return paths.some((p) => p === f.group || p === path || p.startsWith(path + "."));
  }).map((f) => f.id);
}
