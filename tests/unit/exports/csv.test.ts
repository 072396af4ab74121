import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { CSV_EXCEL_ID, toCsv } from "@/server/exports/csv.ts";

// The hand-written encoder must write exactly what csv-stringify writes with the exports' options,
// formula neutralising included — and quote a lone line feed or carriage return inside a cell,
// which csv-stringify leaves bare once a record delimiter is given (a name with a line break then
// split its row in two for every reader).
const REFERENCE = (records: (string | number | null)[][]) =>
  stringify(records, { record_delimiter: "\r\n", escape_formulas: true, quote_record_delimiter: true });

// The Excel-Indonesia dialect: ";" between cells and a decimal comma.
const REFERENCE_EXCEL_ID = (records: (string | number | null)[][]) =>
  stringify(records, {
    delimiter: ";",
    record_delimiter: "\r\n",
    escape_formulas: true,
    quote_record_delimiter: true,
    cast: { number: (value) => String(value).replace(".", ",") },
  });

const CELLS: (string | number | null)[] = [
  null, "", "PT Sinar Jaya", 'PT "Maju", Tbk', "baris\nbaru", "cr\rlf\r\n", "=cmd|' /C calc'!A0", "+62 31 123", "-2+3", "@evil",
  "\tTab", "\rCR", "\uFF1D1+1", "\uFF0Bx", "\uFF0Dx", "\uFF20x", "a,b", '"', "'already", " spaced ", "ümlaut ✓", "a;b", "0812345678", 0, 12, -5, 3.5, -0.25, 1234567,
];

describe("toCsv", () => {
  it("writes what csv-stringify with escape_formulas writes, cell by cell and in whole records", () => {
    for (const cell of CELLS) expect(toCsv([[cell]]), JSON.stringify(cell)).toBe(REFERENCE([[cell]]));
    expect(toCsv([CELLS, CELLS.slice().reverse(), []])).toBe(REFERENCE([CELLS, CELLS.slice().reverse(), []]));
  });

  it("quotes a line break inside a cell, so that a reader keeps the row whole", () => {
    expect(toCsv([["baris\nbaru", 1]])).toBe('"baris\nbaru",1\r\n');
  });

  it("matches it on random cells drawn from the characters that matter", () => {
    const alphabet = ['"', ",", "\r", "\n", "=", "+", "-", "@", "\t", "a", " ", "\uFF1D", "'"];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const cell = Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(toCsv([[cell, "x"]]), JSON.stringify(cell)).toBe(REFERENCE([[cell, "x"]]));
    }
  });

  it("writes the Excel-Indonesia dialect as csv-stringify does with ';' and a decimal comma", () => {
    for (const cell of CELLS) expect(toCsv([[cell]], CSV_EXCEL_ID), JSON.stringify(cell)).toBe(REFERENCE_EXCEL_ID([[cell]]));
    expect(toCsv([CELLS, CELLS.slice().reverse(), []], CSV_EXCEL_ID)).toBe(REFERENCE_EXCEL_ID([CELLS, CELLS.slice().reverse(), []]));
    expect(toCsv([["PT Maju, Tbk", "a;b", 3.5, 12]], CSV_EXCEL_ID)).toBe('PT Maju, Tbk;"a;b";3,5;12\r\n');
  });

  it("matches it on random cells in the Excel-Indonesia dialect", () => {
    const alphabet = ['"', ",", ";", "\r", "\n", "=", "+", "-", "@", "\t", "a", " ", "\uFF1D", "'"];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const cell = Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(toCsv([[cell, 1.5]], CSV_EXCEL_ID), JSON.stringify(cell)).toBe(REFERENCE_EXCEL_ID([[cell, 1.5]]));
    }
  });
});
