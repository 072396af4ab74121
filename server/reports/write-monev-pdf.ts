import "server-only";
import PDFDocument from "pdfkit";
import { formatWib } from "@/lib/format.ts";
import { MONEV_AGREEMENTS, MONEV_PARTNER_LABELS, type MonevFigures } from "@/lib/monev.ts";
import { formatMonevCell, monevChartBars, monevSections, type MonevBar, type MonevSection } from "@/lib/monev-sections.ts";

/**
 * The report as a PDF, drawn on the server with pdfkit's own text and vector drawing (no browser,
 * no canvas): a title page naming the agreement, year, periods and region; then each section's
 * table, with a bar chart for leads by status and coverage per period; on every page a footer
 * with its number and when and by whom the report was generated. Only aggregate figures and
 * region names go in: no business, person or identifier.
 *
 * The standard Helvetica needs no font file and covers Indonesian text (WinAnsi has the dashes and
 * the ellipsis the report uses).
 */

const MARGIN = 56;
const FOOTER_SPACE = 28;
const INK = "#1f2937";
const MUTED = "#6b7280";
const RULE = "#d1d5db";
const BAR = "#2563eb";
const COUNT_WIDTH = 62;
// A heading, its note and a few rows: less room than this left on a page, the section starts a new one.
const SECTION_START_ROOM = 160;

export async function writeMonevPdf(figures: MonevFigures, generated: { at: Date; by: string }): Promise<Buffer> {
  const agreement = MONEV_AGREEMENTS[figures.partner];
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Laporan Monev ${MONEV_PARTNER_LABELS[figures.partner]} ${figures.year}`, Author: "Jangkau", CreationDate: generated.at },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER_SPACE;

  // Title page.
  doc.fillColor(MUTED).font("Helvetica").fontSize(11).text("BPJS Kesehatan — Kedeputian Bidang Perluasan dan Kepatuhan Kepesertaan", { width });
  doc.moveDown(6);
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(24).text("Laporan Monitoring dan Evaluasi", { width });
  doc.fontSize(18).text(`${MONEV_PARTNER_LABELS[figures.partner]} — Tahun ${figures.year}`, { width });
  doc.moveDown(1.5);
  doc.font("Helvetica").fontSize(12).text(agreement.title, { width });
  doc.fillColor(MUTED).text(agreement.clause, { width });
  doc.moveDown(2);
  for (const [label, value] of [
    ["Periode data", figures.periods.join(" dan ")],
    ["Wilayah", figures.scopeLabel],
    ["Dibuat", `${formatWib(generated.at)} oleh ${generated.by}`],
  ]) {
    doc.fillColor(MUTED).font("Helvetica").fontSize(10).text(label!, { width });
    doc.fillColor(INK).fontSize(12).text(value!, { width });
    doc.moveDown(0.6);
  }

  doc.addPage();
  monevSections(figures).forEach((section, index) => {
    // A section starts on a new page only when the last one left too little room for its start.
    if (index > 0) {
      if (doc.y + SECTION_START_ROOM > bottom()) doc.addPage();
      else doc.moveDown(2);
    }
    drawSection(section);
  });

  // Footers, once the page count is known.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const footerY = doc.page.height - MARGIN - 10;
    // Below the bottom margin: pdfkit would start a new page for text there otherwise.
    doc.page.margins.bottom = 0;
    doc.fillColor(MUTED).font("Helvetica").fontSize(8);
    doc.text(`Dibuat ${formatWib(generated.at)} oleh ${generated.by} — Jangkau`, MARGIN, footerY, { width: width - 90, lineBreak: false });
    doc.text(`Halaman ${i + 1} dari ${pages.count}`, MARGIN + width - 90, footerY, { width: 90, align: "right", lineBreak: false });
    doc.page.margins.bottom = MARGIN;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);

  function drawSection(section: MonevSection) {
    doc.fillColor(INK).font("Helvetica-Bold").fontSize(15).text(section.title, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    doc.fillColor(MUTED).font("Helvetica").fontSize(9.5).text(section.unavailable ?? section.note, { width });
    doc.moveDown(0.8);
    if (section.unavailable) return;
    const bars = monevChartBars(section);
    if (bars) drawBars(bars);
    drawTable(section);
  }

  function drawBars(bars: MonevBar[]) {
    const labelWidth = 150;
    const textWidth = 70;
    const barArea = width - labelWidth - textWidth - 12;
    const rowHeight = 20;
    doc.font("Helvetica").fontSize(9);
    for (const bar of bars) {
      if (doc.y + rowHeight > bottom()) doc.addPage();
      const y = doc.y;
      doc.fillColor(INK).text(bar.label, MARGIN, y + 3, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      doc.rect(MARGIN + labelWidth, y + 2, barArea, rowHeight - 6).fillColor("#f3f4f6").fill();
      if (bar.share > 0) doc.rect(MARGIN + labelWidth, y + 2, Math.max(1, barArea * bar.share), rowHeight - 6).fillColor(BAR).fill();
      doc.fillColor(INK).text(bar.text, MARGIN + labelWidth + barArea + 6, y + 3, { width: textWidth, align: "right", lineBreak: false });
      doc.y = y + rowHeight;
    }
    doc.x = MARGIN;
    doc.moveDown(1);
  }

  function drawTable(section: MonevSection) {
    const counts = section.columns.filter((c) => c.type !== "text").length;
    // Text columns share what the counts leave, by the length of their longest value.
    const longest = section.columns.map((c, i) => Math.max(8, c.header.length, ...section.rows.map((r) => String(r[i] ?? "").length)));
    const textLength = section.columns.reduce((sum, c, i) => sum + (c.type === "text" ? longest[i]! : 0), 0);
    const widths = section.columns.map((c, i) => (c.type === "text" ? ((width - counts * COUNT_WIDTH) * longest[i]!) / textLength : COUNT_WIDTH));
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 8 }))) + 8;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!bold) drawRow(section.columns.map((c) => c.header), true);
      }
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc.fillColor(INK).text(cell, x + 4, y + 4, { width: widths[i]! - 8, align: section.columns[i]!.type === "text" ? "left" : "right" });
        x += widths[i]!;
      });
      doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.x = MARGIN;
      doc.y = y + height;
    };
    drawRow(section.columns.map((c) => c.header), true);
    if (section.rows.length === 0) {
      doc.fillColor(MUTED).font("Helvetica").fontSize(9).text("Tidak ada data pada tahun ini.", MARGIN + 4, doc.y + 4, { width });
      return;
    }
    for (const row of section.rows) drawRow(row.map((value, i) => formatMonevCell(value, section.columns[i]!)), false);
  }
}
