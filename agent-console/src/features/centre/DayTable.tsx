// The day's list: one row per appointment. With a row focused, "a" marks the dose attended,
// "n" not attended, "z" takes the mark back; the arrow keys move between rows. A mark moves
// the focus to the next row, so a queue at the desk is checked in without the mouse.
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { dateText } from "../../app/format.ts";
import type { DayEntryView } from "./centre-api.ts";

type Mark = DayEntryView["attendance"];
const STATUS_KEY = { attended: "centre.attended", "no-show": "centre.noShow", open: "centre.open" } as const;
const KEYS: Record<string, Mark> = { a: "attended", n: "no-show", z: null };

const time = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });

interface Props {
  entries: DayEntryView[];
  onMark(entry: DayEntryView, attendance: Mark): void;
}

export function DayTable({ entries, onMark }: Props) {
  const { t, i18n } = useTranslation();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const focusRow = (i: number) => rows.current[Math.max(0, Math.min(entries.length - 1, i))]?.focus();

  const onKey = (event: KeyboardEvent, entry: DayEntryView, i: number) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key in KEYS) {
      event.preventDefault();
      onMark(entry, KEYS[key]!);
      if (KEYS[key] !== null) focusRow(i + 1);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusRow(i + (event.key === "ArrowDown" ? 1 : -1));
    }
  };

  if (entries.length === 0) return <p>{t("centre.none")}</p>;
  return (
    <table className="centre-day">
      <caption>{t("centre.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("centre.time")}</th>
          <th scope="col">{t("centre.name")}</th>
          <th scope="col">{t("centre.birthDate")}</th>
          <th scope="col">{t("centre.code")}</th>
          <th scope="col">{t("centre.dose")}</th>
          <th scope="col">{t("centre.needs")}</th>
          <th scope="col">{t("centre.status")}</th>
          <th scope="col">{t("centre.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const who = e.name ?? e.code;
          return (
            <tr
              key={`${e.bookingId}-${e.dose}`}
              ref={(el) => void (rows.current[i] = el)}
              tabIndex={0}
              className={`attendance-${e.attendance ?? "open"}`}
              aria-label={t("centre.rowLabel", { name: who, time: time.format(new Date(e.startsAt)), dose: e.dose })}
              onKeyDown={(event) => onKey(event, e, i)}
            >
              <td>{time.format(new Date(e.startsAt))}</td>
              <td>{e.name ?? t("centre.nameRecorded")}</td>
              <td>{dateText(e.birthDate, i18n.language)}</td>
              <td className="code">{e.code}</td>
              <td>{t("centre.doseN", { dose: e.dose })}</td>
              <td>{e.needs.map((n) => t(`centre.need.${n}`)).join(", ")}</td>
              <td className="status">{t(STATUS_KEY[e.attendance ?? "open"])}</td>
              <td className="row-actions">
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={() => onMark(e, "attended")}
                  aria-label={t("centre.markAttendedFor", { name: who })}
                >
                  {t("centre.markAttended")}
                </button>
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={() => onMark(e, "no-show")}
                  aria-label={t("centre.markNoShowFor", { name: who })}
                >
                  {t("centre.markNoShow")}
                </button>
                {e.attendance && (
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => onMark(e, null)}
                    aria-label={t("centre.undoFor", { name: who })}
                  >
                    {t("centre.undo")}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
