import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnLetters, createXlsxSheetWriter, escapeXml, XlsxRow, type XlsxColumn } from "@/server/exports/xlsx.ts";
import { collectOutput, readTableFile, xlsxPart } from "../../support/table-files.ts";

describe("the XLSX writer's cell text and references", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("escapes markup and drops the control characters XML cannot carry, keeping tab and line breaks", () => {
    expect(escapeXml(`PT "A" & <B> 'C'`)).toBe("PT &quot;A&quot; &amp; &lt;B&gt; &apos;C&apos;");
    expect(escapeXml("a\u0001b\u000Bc\u007Fd\te\nf\rg")).toBe("abcd\te\nf\rg");
    expect(escapeXml("plain")).toBe("plain");
  });
});

const COLUMNS: readonly XlsxColumn[] = [
  { header: "Nama — Badan Usaha", type: "text" },
  { header: "NPWP", type: "text" },
  { header: "Jumlah", type: "integer" },
];

const TEXTS = [
  "PT Sinar Jaya", "0013121660091000", "=cmd", "+62 22", `PT "A" & <B> 'C'`, " lead", "trail ", " ", "a\nb", "tab\there", "cr\r\nlf",
  "ctl\u0001\u007F", "ümlaut ✓", "Kemnaker — Badan Usaha", "emoji 😀", "Maju & Jaya", "it's", "lone \uD800 half", "nbsp\u00A0", "\u3000wide", "x",
];

async function sheetOf(rows: readonly (readonly (string | number | null)[])[], write: "values" | "encoded"): Promise<Buffer> {
  const { output, bytes } = collectOutput();
  const sheet = createXlsxSheetWriter(output, { sheetName: "Data", columns: COLUMNS });
  const row = new XlsxRow(COLUMNS);
  for (const values of rows) {
    if (write === "values") await sheet.addRow(values);
    else {
      values.forEach((value, i) => row.set(i, value));
      await sheet.addEncodedRow(row);
    }
  }
  await sheet.finish();
  return bytes();
}

/** A row's XML by the plain definition: a reference per cell, an inline string or a number. */
function plainRowXml(values: readonly (string | number | null)[], rowNumber: number): string {
  const cells = values.map((value, i) => {
    if (value === null || value === "") return "";
    const ref = `${columnLetters(i)}${rowNumber}`;
    if (COLUMNS[i]!.type === "integer" && typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
    const text = String(value);
    const t = /^\s|\s$|\n/.test(text) ? `<t xml:space="preserve">${escapeXml(text)}</t>` : `<t>${escapeXml(text)}</t>`;
    return `<c r="${ref}" t="inlineStr"><is><r>${t}</r></is></c>`;
  });
  return `<row r="${rowNumber}">${cells.join("")}</row>`;
}

function randomRows(count: number): (string | number | null)[][] {
  let state = 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const text = () => (random() < 0.1 ? pick([null, ""]) : Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(TEXTS)).join(""));
  return Array.from({ length: count }, () => [text(), random() < 0.2 ? 12 : text(), pick([0, 57, -3, 2147483647, Number.NaN, null, "12"])]);
}

describe("the XLSX sheet", () => {
  it("writes each row as the plain definition does, UTF-8 encoded, whichever way its cells come", async () => {
    const rows = randomRows(3_000);
    const expected = Buffer.from(rows.map((values, i) => plainRowXml(values, i + 2)).join(""), "utf8");
    for (const write of ["values", "encoded"] as const) {
      const xml = await xlsxPart(await sheetOf(rows, write), "xl/worksheets/sheet1.xml");
      const start = xml.indexOf("</row>") + "</row>".length;
      expect(xml.subarray(start, xml.indexOf("</sheetData>")).equals(expected), write).toBe(true);
      expect(xml.toString("utf8")).toContain("Nama — Badan Usaha");
    }
  });

  it("reads back as the values written: text beyond ASCII, markup, spaces and line breaks kept; numbers as numbers", async () => {
    const rows = TEXTS.map((text, i): (string | number | null)[] => [text, i % 2 ? "0013121660091000" : null, i]);
    const { rows: read, types } = await readTableFile(await sheetOf(rows, "encoded"), "xlsx");
    expect(read[0]).toEqual(COLUMNS.map((c) => c.header));
    // Dropped control characters; a lone surrogate as UTF-8 writes it; line ends as XML reads them.
    const readable = (text: string) => text.replace(/[\u0001\u007F]/g, "").replace(/\uD800/, "\uFFFD").replace(/\r\n?/g, "\n");
    expect(read.slice(1)).toEqual(rows.map(([text, npwp, n]) => [readable(text as string), npwp, n]));
    // Text as a one-run rich text (never a formula), numbers as numbers.
    expect(types[1]).toEqual([ExcelJS.ValueType.RichText, ExcelJS.ValueType.Null, ExcelJS.ValueType.Number]);
  });
});
