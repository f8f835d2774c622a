// Letters as one print-ready PDF (A4, DIN 5008 form B for a window envelope): the return line
// and the address in the window, the facts block beside it, the subject at 98.5 mm, fold and
// punch marks. Body text at 14 pt in DejaVu Sans, embedded (its licence travels with the
// package), so umlauts and ß print on any printer.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { Letter } from "../../domain/letters/confirmation-letter.ts";

const mm = (v: number) => (v * 72) / 25.4;
const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const REGULAR = join(fontDir, "DejaVuSans.ttf");
const BOLD = join(fontDir, "DejaVuSans-Bold.ttf");

const LEFT = mm(25);
const WIDTH = mm(210 - 25 - 20);
const BODY_PT = 14;

export interface PdfOptions {
  /** Plain-text content streams (tests read the text); compressed for printing. */
  compress?: boolean;
}

export async function renderLetters(letters: readonly Letter[], options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    autoFirstPage: false,
    compress: options.compress ?? true,
    margins: { top: mm(20), bottom: mm(20), left: LEFT, right: mm(20) },
    info: { Title: "Briefe der Impf-Hotline", Producer: "impftermin-hotline" },
  });
  doc.registerFont("body", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  // A copy of each piece: pdfkit hands out slices of zlib's output buffers, and keeping a slice
  // keeps its whole buffer (about ten times the compressed page). With the pause below, 20,000
  // letters (a 36 MB PDF) take 409 MB of RSS instead of 750 (docs/benchmarks.md, letter fallback).
  doc.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  for (let i = 0; i < letters.length; i++) {
    page(doc, letters[i]!);
    // pdfkit pushes into a stream whose "data" events wait for the event loop: without a pause
    // every page stays buffered (in zlib's oversized slices) until the last one is laid out.
    if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function page(doc: PDFKit.PDFDocument, letter: Letter): void {
  doc.addPage();
  marks(doc);
  // Return line (small, underlined) at the top of the window, then the recipient.
  doc
    .font("body")
    .fontSize(8)
    .text(letter.sender, mm(25), mm(45) + mm(12.7), { width: mm(80), underline: true });
  doc.font("body").fontSize(12);
  letter.recipient.forEach((line, i) => doc.text(line, mm(25), mm(62.7) + i * 15, { width: mm(80) }));
  // Facts beside the window.
  doc.fontSize(11);
  letter.facts.forEach(([label, value], i) => {
    const y = mm(50) + i * 16;
    doc.font("body").text(`${label}:`, mm(120), y, { width: mm(33) });
    doc.font("bold").text(value, mm(155), y, { width: mm(48) });
  });
  // Subject, salutation, text.
  doc.font("bold").fontSize(16).text(letter.subject, LEFT, mm(98.5), { width: WIDTH });
  doc.moveDown(1);
  doc.font("body").fontSize(BODY_PT);
  doc.text(letter.salutation, { width: WIDTH }).moveDown(0.6);
  for (const p of letter.paragraphs) doc.text(p, { width: WIDTH, lineGap: 2 }).moveDown(0.6);
  for (const [label, value] of letter.highlights) {
    doc.font("bold").text(`${label}: `, { continued: true, width: WIDTH, lineGap: 2 });
    doc.font("body").text(value, { width: WIDTH, lineGap: 2 });
    doc.moveDown(0.3);
  }
  doc.moveDown(0.6);
  for (const line of letter.closing) doc.text(line, { width: WIDTH, lineGap: 2 }).moveDown(0.5);
}

/** Fold marks at 105 and 210 mm and the punch mark at 148.5 mm (form B). */
function marks(doc: PDFKit.PDFDocument): void {
  doc.save().lineWidth(0.5).strokeColor("#666666");
  for (const [y, length] of [
    [105, 5],
    [148.5, 8],
    [210, 5],
  ] as const)
    doc
      .moveTo(mm(3), mm(y))
      .lineTo(mm(3 + length), mm(y))
      .stroke();
  doc.restore();
}
