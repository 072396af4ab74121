import { describe, expect, it } from "vitest";
import { LEAD_COLUMNS, type LeadColumn } from "@/lib/leads/lead-columns.ts";
import { decodeLine } from "@/server/db/copy-out.ts";
import { CSV_COMMA, CSV_EXCEL_ID, toCsv, type CsvDialect } from "@/server/exports/csv.ts";
import { createXlsxSheetWriter } from "@/server/exports/xlsx.ts";
import { leadCsvLines, leadExportCells, leadXlsxRows } from "@/server/leads/encode-lead-rows.ts";
import { LEAD_EXPORT_FIELDS, leadExportSelection, toLeadExportRow } from "@/server/leads/lead-export-row.ts";
import { collectOutput, xlsxPart } from "../../support/table-files.ts";

// The export writes COPY's text lines straight to CSV (and cells straight from COPY's cells)
// (and XLSX rows straight from COPY's text lines, and cells straight from COPY's cells) without
// building the LeadExportRow: each must give, byte for byte, what the plain definition gives —
// the row read field by field, each column's value(), toCsv or the sheet's addRow — whatever the
// stored values.

/** A stored value as `COPY … TO STDOUT` (text format) writes it. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => ({ "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" })[c]!);
}

const TEXT_PIECES = [
  "PT Sinar Jaya", 'PT "Maju", Tbk', "a;b", "baris\nbaru", "cr\r\nlf", "tab\there", "back\\slash", "\\N", "=1+1", "+62 22", "-5", "@x", "\tlead",
  "\uFF1Dx", "'kutip", " ", "", "ümlaut ✓", "3273011708450001", "3273.0117.0845.0001", "0013121660091000", "081234567890", "+6281234567890",
  "+62227201234", "022-7201234", "budi@gmail.com", "info@sinarjaya.co.id", "rina@notaris.co.id", "a@b", "Jl. Merdeka No. 5, RT 01",
];
const QUOTE_FREE_PIECES = TEXT_PIECES.filter((piece) => !/[",;\r\n]/.test(piece));

// Fields whose stored values are mostly from a small set (labels, counts), and sometimes anything.
const FIELD_VALUES: Partial<Record<(typeof LEAD_EXPORT_FIELDS)[number], readonly (string | null)[]>> = {
  legalForm: ["PT", "CV", "PERSEKUTUAN_PERDATA", "Koperasi", "", null, '=HYPERLINK("x")'],
  businessScale: ["MIKRO", "KECIL", "BESAR", "lain", null],
  workerCount: ["0", "12", "-3", "2147483647", null],
  registeredWorkers: ["0", "7", null],
  workerGap: ["5", "0", null],
  status: ["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_AKTIF", "UNKNOWN"],
  sources: ["kemnaker-bu,ahu-entitas", "bpjs-bu", "", "lain,=x", null],
  priority: ["0", "100", "57", null],
  followUpStatus: ["BARU", "MENOLAK", "TIDAK_DITEMUKAN", null, "ANEH"],
  kind: ["BADAN_USAHA", "NOTARIS", "LAIN", null],
};

function randomRows(seed: number, count: number): string[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const text = (pieces: readonly string[]): string | null => {
    if (random() < 0.15) return null;
    return Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pieces)).join(random() < 0.5 ? "" : " ");
  };
  return Array.from({ length: count }, () => {
    // Half the rows hold no quote, separator or line break at all, as most stored rows do.
    const pieces = random() < 0.5 ? TEXT_PIECES : QUOTE_FREE_PIECES;
    return LEAD_EXPORT_FIELDS.map((field) => {
      const values = FIELD_VALUES[field];
      return copyText(values && random() < 0.9 ? pick(values) : text(pieces));
    }).join("\t");
  });
}

/**
 * A whole row's COPY line as the export of `columns` receives it: only the fields its statement
 * selects (leadExportSelection), in select-list order. The plain definition reads the whole row.
 */
function selectedLine(columns: readonly LeadColumn[]): (line: string) => string {
  const positions = leadExportSelection(columns).fields.map((field) => LEAD_EXPORT_FIELDS.indexOf(field));
  return (line) => {
    const cells = line.split("\t");
    return positions.map((at) => cells[at]!).join("\t");
  };
}

function plainCsv(lines: readonly string[], columns: readonly LeadColumn[], dialect: CsvDialect): string {
  return toCsv(
    lines.map((line) => {
      const row = toLeadExportRow(decodeLine(line));
      return columns.map((column) => column.value(row));
    }),
    dialect,
  );
}

const SELECTIONS: readonly (readonly LeadColumn[])[] = [
  LEAD_COLUMNS,
  LEAD_COLUMNS.filter((c) => ["npwp", "phone", "email", "kind"].includes(c.key)),
  LEAD_COLUMNS.filter((c) => ["address", "status", "workerCount", "sources"].includes(c.key)),
  [...LEAD_COLUMNS].reverse(),
];

describe("lead export rows straight from COPY", () => {
  it("flags exactly the NPWP, telephone and e-mail columns personal", () => {
    expect(LEAD_COLUMNS.every((c) => c.personal === ["npwp", "phone", "email"].includes(c.key))).toBe(true);
  });

  for (const [name, dialect] of [["csv", CSV_COMMA], ["csv-id", CSV_EXCEL_ID]] as const) {
    it(`writes the CSV lines (${name}) the plain definition writes, on random rows`, () => {
      for (const [n, columns] of SELECTIONS.entries()) {
        const lines = randomRows(17 + n, 3_000);
        const selected = lines.map(selectedLine(columns));
        const fast = leadCsvLines(columns)(dialect);
        // In batches, as COPY's network chunks come: remembered labels carry over between them.
        const written = [selected.slice(0, 1_000), selected.slice(1_000)].map((batch) => fast(batch)).join("");
        const plain = plainCsv(lines, columns, dialect);
        if (written !== plain) {
          const at = lines.findIndex((line, i) => fast([selected[i]!]) !== plainCsv([line], columns, dialect));
          expect(fast([selected[at]!]), JSON.stringify(lines[at])).toBe(plainCsv([lines[at]!], columns, dialect));
        }
        expect(written).toBe(plain);
      }
    });
  }

  it("writes the XLSX sheet the plain definition writes, on random rows", async () => {
    for (const [n, columns] of SELECTIONS.entries()) {
      const lines = randomRows(29 + n, 3_000);
      const sheetXml = async (write: (sheet: ReturnType<typeof createXlsxSheetWriter>) => Promise<void>) => {
        const { output, bytes } = collectOutput();
        const sheet = createXlsxSheetWriter(output, { sheetName: "Prospek", columns });
        await write(sheet);
        await sheet.finish();
        return (await xlsxPart(bytes(), "xl/worksheets/sheet1.xml")).toString("utf8");
      };
      const fast = await sheetXml(async (sheet) => {
        const toRow = leadXlsxRows(columns)();
        for (const line of lines.map(selectedLine(columns))) await sheet.addEncodedRow(toRow(line));
      });
      const plain = await sheetXml(async (sheet) => {
        for (const line of lines) {
          const row = toLeadExportRow(decodeLine(line));
          await sheet.addRow(columns.map((column) => column.value(row)));
        }
      });
      if (fast !== plain) {
        // Where they part, to read (the whole sheets are megabytes).
        let at = 0;
        while (fast[at] === plain[at]) at++;
        expect(fast.slice(at - 300, at + 100), `columns ${n}`).toBe(plain.slice(at - 300, at + 100));
      }
      expect(fast === plain, `columns ${n}`).toBe(true);
    }
  });

  it("masks the personal columns as the lead pages do: a NIK, a mobile number, a webmail address, and all of a notary's", () => {
    const copyLine = (values: Partial<Record<(typeof LEAD_EXPORT_FIELDS)[number], string>>) =>
      LEAD_EXPORT_FIELDS.map((field) => copyText(values[field] ?? null)).join("\t");
    const line = copyLine({ name: "PT A", status: "BELUM_TERDAFTAR", kind: "BADAN_USAHA", npwp: "3273011708450001", phone: "+6281234567890", email: "budi@gmail.com" });
    const notary = copyLine({ name: "Notaris R", status: "BELUM_TERDAFTAR", kind: "NOTARIS", npwp: "0013121660091000", phone: "+62227201234", email: "rina@notaris.co.id" });
    const personal = LEAD_COLUMNS.filter((c) => c.personal);
    expect(leadCsvLines(personal)(CSV_COMMA)([line, notary].map(selectedLine(personal)))).toBe("3273••••••••0001,0812•••••890,b•••@gmail.com\r\n0013••••••••1000,0227•••234,r•••@notaris.co.id\r\n");
  });

  it("gives the cells column.value gives (the XLSX path), on random rows", () => {
    for (const columns of SELECTIONS) {
      const cells = leadExportCells(columns);
      const select = selectedLine(columns);
      for (const line of randomRows(5, 2_000)) {
        const row = toLeadExportRow(decodeLine(line));
        expect(cells(decodeLine(select(line))), JSON.stringify(line)).toEqual(columns.map((column) => column.value(row)));
      }
    }
  });
});
