import "server-only";
import ExcelJS from "exceljs";
import { formatWib } from "@/lib/format.ts";
import { MONEV_AGREEMENTS, type MonevFigures } from "@/lib/monev.ts";
import { monevSections, monevTitle } from "@/lib/monev-sections.ts";

/**
 * The report as a workbook: a *Ringkasan* sheet naming the agreement, year, periods, region and
 * who generated it when, then one sheet per section with the same table the page and the PDF
 * show. Counts are number cells, shares percentages; no formula is ever written. The report is
 * a few dozen rows, so exceljs builds it in memory (the streamed writer in server/exports is for
 * lists of millions of rows and holds one sheet).
 */
export async function writeMonevXlsx(figures: MonevFigures, generated: { at: Date; by: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Jangkau";
  workbook.created = generated.at;
  const agreement = MONEV_AGREEMENTS[figures.partner];

  const summary = workbook.addWorksheet("Ringkasan");
  summary.columns = [{ width: 22 }, { width: 90 }];
  summary.addRow([monevTitle(figures)]).font = { bold: true, size: 14 };
  summary.addRow([]);
  for (const [label, value] of [
    ["Perjanjian", agreement.title],
    ["Dasar", agreement.clause],
    ["Tahun", String(figures.year)],
    ["Periode data", figures.periods.join(", ")],
    ["Wilayah", figures.scopeLabel],
    ["Dibuat", `${formatWib(generated.at)} oleh ${generated.by}`],
  ] as const) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  }

  for (const section of monevSections(figures)) {
    // Sheet names: at most 31 characters, none of []:*?/\ (none of the titles has them).
    const sheet = workbook.addWorksheet(section.title.slice(0, 31));
    sheet.addRow([section.title]).font = { bold: true, size: 12 };
    sheet.addRow([section.unavailable ?? section.note]);
    sheet.addRow([]);
    const header = sheet.addRow(section.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const values of section.rows) sheet.addRow(values);
    section.columns.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1);
      const longest = Math.max(column.header.length, ...section.rows.map((r) => String(r[index] ?? "").length));
      sheetColumn.width = Math.min(70, Math.max(12, longest + 2));
      if (column.type === "percent") sheetColumn.numFmt = "0.0%";
      if (column.type === "count") sheetColumn.numFmt = "#,##0";
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
