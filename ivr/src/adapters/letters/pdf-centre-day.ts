// The centre's day on paper: the reception's list (A4, one row per appointment, the centre and
// the day in every page's header, "Seite 2 von 3" at the foot) and the daily report for the
// health authority. DejaVu Sans embedded, as for the letters, so umlauts print anywhere.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { DayReport } from "../../domain/centre-day/centre-day.ts";
import type { DayEntry } from "../../domain/centre-day/centre-day-store.ts";
import { germanDate, germanTime } from "../../domain/centre-day/german-format.ts";
import { formatBookingCode } from "../../domain/ledger/booking-code.ts";
import type { Centre } from "../../domain/geo/geography.ts";
import { berlinDate } from "../../domain/time/berlin.ts";
import type { PdfOptions } from "./pdf-letters.ts";

const mm = (v: number) => (v * 72) / 25.4;
const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const LEFT = mm(15);
const TOP = mm(15);
const WIDTH = mm(180);
const ROW = mm(8);
/** Rows that fit between the header (ends at 40 mm) and the footer (starts at 280 mm). */
export const ROWS_PER_PAGE = Math.floor((mm(280) - mm(40)) / ROW);

const COLUMNS: { label: string; width: number }[] = [
  { label: "Zeit", width: 13 },
  { label: "Name", width: 40 },
  { label: "Geb.-Datum", width: 27 },
  { label: "Buchungscode", width: 37 },
  { label: "Dosis", width: 14 },
  { label: "Bedarf", width: 17 },
  { label: "Status", width: 32 },
];

const STATUS = { attended: "erschienen", "no-show": "nicht erschienen" } as const;
const NEED_WORDS = { wheelchair: "Rollstuhl", companion: "Begleitperson", interpreter: "Dolmetscher" } as const;

function open(title: string, options: PdfOptions) {
  const doc = new PDFDocument({
    size: "A4",
    autoFirstPage: false,
    bufferPages: true,
    compress: options.compress ?? true,
    margins: { top: TOP, bottom: mm(10), left: LEFT, right: mm(15) },
    info: { Title: title, Producer: "impftermin-hotline" },
  });
  doc.registerFont("body", join(fontDir, "DejaVuSans.ttf"));
  doc.registerFont("bold", join(fontDir, "DejaVuSans-Bold.ttf"));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

function header(doc: PDFKit.PDFDocument, title: string, centre: Centre, day: string): void {
  doc
    .font("bold")
    .fontSize(16)
    .text(`${title} · ${germanDate(day)}`, LEFT, TOP, { width: WIDTH });
  const address = [centre.street, [centre.postcode, centre.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  doc
    .font("body")
    .fontSize(11)
    .text(`${centre.name} · ${address}`, LEFT, TOP + mm(8), { width: WIDTH });
}

function pageNumbers(doc: PDFKit.PDFDocument, printedAt: Date): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // The foot lies below the bottom margin: without this, pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font("body")
      .fontSize(9)
      .text(`Gedruckt ${germanDate(berlinDate(printedAt))} ${germanTime(printedAt)} Uhr`, LEFT, mm(285), {
        width: WIDTH / 2,
        lineBreak: false,
      })
      .text(`Seite ${i - start + 1} von ${count}`, LEFT + WIDTH / 2, mm(285), {
        width: WIDTH / 2,
        align: "right",
        lineBreak: false,
      });
  }
}

function cells(doc: PDFKit.PDFDocument, values: string[], y: number, font: "body" | "bold"): void {
  let x = LEFT;
  doc.font(font).fontSize(10);
  values.forEach((v, i) => {
    const width = mm(COLUMNS[i]!.width);
    doc.text(v, x + 2, y + mm(2), { width: width - 4, height: ROW, lineBreak: false, ellipsis: true });
    x += width;
  });
}

/** The day's list: a page per ROWS_PER_PAGE appointments (at least one page, saying none). */
export async function renderDayList(
  centre: Centre,
  day: string,
  entries: readonly DayEntry[],
  printedAt: Date,
  options: PdfOptions = {},
): Promise<Buffer> {
  const { doc, done } = open(`Tagesliste ${centre.name} ${germanDate(day)}`, options);
  const pages = Math.max(1, Math.ceil(entries.length / ROWS_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    header(doc, "Tagesliste", centre, day);
    doc.rect(LEFT, mm(32), WIDTH, ROW).fill("#e8e8e8").fillColor("black");
    cells(
      doc,
      COLUMNS.map((c) => c.label),
      mm(32),
      "bold",
    );
    const rows = entries.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE);
    if (rows.length === 0) doc.font("body").fontSize(11).text("Keine Termine an diesem Tag.", LEFT, mm(44));
    rows.forEach((e, i) => {
      const y = mm(40) + i * ROW;
      if (i % 2 === 1) doc.rect(LEFT, y, WIDTH, ROW).fill("#f4f4f4").fillColor("black");
      cells(
        doc,
        [
          germanTime(e.startsAt),
          e.name ?? "(Name nur als Aufnahme)",
          germanDate(e.birthDate),
          formatBookingCode(e.code),
          `${e.dose}.`,
          e.needs.map((n) => NEED_WORDS[n]).join(", "),
          e.attendance ? STATUS[e.attendance] : "☐",
        ],
        y,
        "body",
      );
    });
  }
  pageNumbers(doc, printedAt);
  doc.end();
  return done;
}

/** The daily report for the health authority: one page of figures. */
export async function renderDayReport(report: DayReport, printedAt: Date, options: PdfOptions = {}): Promise<Buffer> {
  const { doc, done } = open(`Tagesbericht ${report.centre.name} ${germanDate(report.day)}`, options);
  doc.addPage();
  header(doc, "Tagesbericht für das Gesundheitsamt", report.centre, report.day);
  const lines: [string, number][] = [
    ["Erstimpfungen", report.firstDosesGiven],
    ["Zweitimpfungen", report.secondDosesGiven],
    ["Verabreichte Dosen", report.dosesGiven],
    ["Nicht erschienen", report.noShows],
    ["Standby-Dosen verwendet", report.standbyDosesUsed],
    ["Dosen verworfen", report.dosesWasted],
  ];
  lines.forEach(([label, value], i) => {
    const y = mm(40) + i * mm(10);
    doc
      .font("body")
      .fontSize(13)
      .text(label, LEFT, y, { width: mm(100) });
    doc.font("bold").text(String(value), LEFT + mm(100), y, { width: mm(30), align: "right" });
  });
  pageNumbers(doc, printedAt);
  doc.end();
  return done;
}
