// An audit entry's details as one German line: "Kapazität der Warteschlange (Anrufe): 500 ·
// Woche ab: 01.02.2021". Field names and coded values in words, dates as TT.MM.JJJJ, times
// German style in Berlin time, numbers with German separators.
import type { TFunction } from "i18next";
import { dateText, dateTimeText, numberText } from "../../../app/format.ts";
import { AUDIT_VALUE_KEYS, fieldKey } from "./audit-labels.ts";

export function detailsText(details: unknown, t: TFunction, language: string): string {
  const parts: string[] = [];
  const value = (v: unknown, field: string): string => {
    if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
    if (typeof v === "number") return numberText(v, language, 2);
    if (Array.isArray(v)) return v.map((item) => value(item, field)).join(", ");
    const text = String(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return dateText(text, language);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(text))
      return t("common.dateTime", { value: dateTimeText(text, language) });
    if (field !== "account" && AUDIT_VALUE_KEYS[text]) return t(AUDIT_VALUE_KEYS[text]);
    return text;
  };
  const label = (path: string): string => {
    const text = /^texts\.(\w+)$/.exec(path);
    if (text) return t("supervisor.audit.field.announcement", { language: t(`language.${text[1]}`) });
    if (path === "texts") return t("supervisor.audit.field.announcementRemoved");
    const key = fieldKey(path.split("."));
    return key ? t(key) : path;
  };
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0 && path) parts.push(`${label(path)}: –`);
      for (const [key, inner] of entries) walk(inner, path ? `${path}.${key}` : key);
    } else if (v !== undefined) parts.push(path ? `${label(path)}: ${value(v, path)}` : value(v, path));
  };
  walk(details, "");
  return parts.join(" · ");
}
