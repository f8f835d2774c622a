// The daily report as CSV for the health authority: German headers, semicolons, CRLF and a
// UTF-8 byte-order mark, so Excel on a German Windows opens it with umlauts intact.
import type { DayReport } from "./centre-day.ts";
import { germanDate } from "./german-format.ts";

export const DAY_REPORT_HEADERS = [
  "Datum",
  "Impfzentrum",
  "Erstimpfungen",
  "Zweitimpfungen",
  "Verabreichte Dosen",
  "Nicht erschienen",
  "Standby-Dosen verwendet",
  "Dosen verworfen",
] as const;

const field = (v: string | number) => {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function dayReportCsv(report: DayReport): string {
  const row = [
    germanDate(report.day),
    report.centre.name,
    report.firstDosesGiven,
    report.secondDosesGiven,
    report.dosesGiven,
    report.noShows,
    report.standbyDosesUsed,
    report.dosesWasted,
  ];
  return `\uFEFF${DAY_REPORT_HEADERS.join(";")}\r\n${row.map(field).join(";")}\r\n`;
}
