import "server-only";
import type { LeadCell, LeadColumn, LeadExportRow } from "@/lib/leads/lead-columns.ts";
import type { EntityKindValue } from "@/lib/leads/entity-kind.ts";
import { decodeCell } from "@/server/db/copy-out.ts";
import { csvCellWriter, csvQuoteFree, csvUnquotedCell, type CsvDialect } from "@/server/exports/csv.ts";
import { XlsxRow } from "@/server/exports/xlsx.ts";
import { leadExportField, leadExportSelection } from "./lead-export-row.ts";

/**
 * The export's rows straight from COPY into a file's cells, per column, without the LeadExportRow
 * in between: what `column.value(toLeadExportRow(cells))` gives, computed from the one field each
 * column reads (and the kind, for the personal columns). Personal columns go through their
 * column's `show` — the one masking rule — for every row; the rest, whose cell depends on the
 * stored value alone, are remembered by that value where they take few values (labels).
 */

// Distinct stored values remembered per label column: the labels have a handful (statuses,
// scales, source lists); a free-text legal form that takes thousands stops being remembered.
const REMEMBERED_VALUES = 4_096;

interface CompiledColumn {
  index: number;
  /** The field's cell read as the field (null when the stored text is the field itself). */
  read: ((cell: string | null) => LeadExportRow[keyof LeadExportRow]) | null;
  show: LeadColumn["show"];
  personal: boolean;
}

/** The columns' reading of a row of their selection (lead-export-row.ts `leadExportSelection`). */
function compile(columns: readonly LeadColumn[]): { compiled: CompiledColumn[]; kindIndex: number; readKind: (cell: string | null) => EntityKindValue; lastIndex: number } {
  const selection = leadExportSelection(columns);
  const kind = leadExportField(selection, "kind");
  const compiled = columns.map((column): CompiledColumn => {
    const field = leadExportField(selection, column.field);
    return { index: field.index, read: field.plainText ? null : field.read, show: column.show, personal: column.personal };
  });
  return { compiled, kindIndex: kind.index, readKind: kind.read, lastIndex: selection.fields.length - 1 };
}

/** Cells of one COPY row of the columns' selection (decoded, server/db/copy-out.ts), as column.value gives them. */
export function leadExportCells(columns: readonly LeadColumn[]): (cells: readonly (string | null)[]) => LeadCell[] {
  const { compiled, kindIndex, readKind } = compile(columns);
  return (cells) => {
    const kind = readKind(cells[kindIndex] ?? null);
    const out = new Array<LeadCell>(compiled.length);
    for (let i = 0; i < compiled.length; i++) {
      const column = compiled[i]!;
      const cell = cells[column.index] ?? null;
      const value = column.read ? column.read(cell) : cell;
      out[i] = column.show ? column.show(value, kind) : (value as LeadCell);
    }
    return out;
  };
}

/**
 * COPY text lines (server/db/copy-out.ts `copyOutLines`) as the CSV lines toCsv writes for the
 * cells leadExportCells gives, in `dialect` — the CSV export's per-row work, without a cell array
 * or a LeadExportRow per row. A line with no quote or separator before its last cell (the
 * sources, lead-export-row.ts) needs no quotes in its other cells, so the text stored as it is
 * (most cells of most lines) takes only the formula rule, undecoded unless it holds an escape.
 */
export function leadCsvLines(columns: readonly LeadColumn[]): (dialect: CsvDialect) => (lines: readonly string[]) => string {
  const { compiled, kindIndex, readKind, lastIndex: last } = compile(columns);
  // Per column, in arrays the loop below reads by position (it runs for every cell of the file).
  const indexes = compiled.map((column) => column.index);
  // The line's last cell is outside the quote-free check (csvQuoteFree): never written AS_IS.
  const modes = compiled.map((column): Mode => (column.personal ? PERSONAL : column.show ? LABEL : column.read || column.index === last ? READ : AS_IS));
  const reads = compiled.map((column) => column.read ?? ((cell: string | null) => cell));
  const shows = compiled.map((column) => column.show ?? ((value: LeadExportRow[keyof LeadExportRow]) => value as LeadCell));
  return (dialect) => {
    const cellText = csvCellWriter(dialect);
    const remembered = compiled.map(() => new Map<string, string>());
    const separator = dialect.separator;
    return (lines) => {
      let out = "";
      for (const line of lines) {
        const raw = line.split("\t");
        const quoteFree = csvQuoteFree(line, line.lastIndexOf("\t"), dialect);
        let kind: EntityKindValue | undefined;
        for (let i = 0; i < indexes.length; i++) {
          const text = raw[indexes[i]!]!;
          let written: string;
          switch (modes[i]) {
            case AS_IS:
              written = quoteFree && text.indexOf("\\") === -1 ? csvUnquotedCell(text) : cellText(decodeCell(text));
              break;
            case READ:
              written = cellText(reads[i]!(decodeCell(text)) as LeadCell);
              break;
            case LABEL: {
              const memo = remembered[i]!;
              const known = memo.get(text);
              if (known !== undefined) written = known;
              else {
                kind ??= readKind(decodeCell(raw[kindIndex]!));
                written = cellText(shows[i]!(reads[i]!(decodeCell(text)), kind));
                if (memo.size < REMEMBERED_VALUES) memo.set(text, written);
              }
              break;
            }
            default:
              kind ??= readKind(decodeCell(raw[kindIndex]!));
              written = cellText(shows[i]!(reads[i]!(decodeCell(text)), kind));
          }
          out += i === 0 ? written : separator + written;
        }
        out += "\r\n";
      }
      return out;
    };
  };
}

/**
 * COPY text lines (server/db/copy-out.ts `copyOutLines`) as XLSX rows of the cells
 * leadExportCells gives, encoded (xlsx.ts `XlsxRow`: one row object for the whole file) — the
 * XLSX export's per-row work, without a cell array or a LeadExportRow per row. Stored text and
 * counts are encoded from the line's cells; personal columns are masked row by row; a label's
 * encoded cell is remembered by its stored value.
 */
export function leadXlsxRows(columns: readonly LeadColumn[]): () => (line: string) => XlsxRow {
  const { compiled, kindIndex, readKind } = compile(columns);
  const indexes = compiled.map((column) => column.index);
  const modes = compiled.map((column): Mode => (column.personal ? PERSONAL : column.show ? LABEL : column.read ? READ : AS_IS));
  const reads = compiled.map((column) => column.read ?? ((cell: string | null) => cell));
  const shows = compiled.map((column) => column.show ?? ((value: LeadExportRow[keyof LeadExportRow]) => value as LeadCell));
  return () => {
    const row = new XlsxRow(columns);
    const remembered = compiled.map(() => new Map<string, { tail: string; length: number }>());
    return (line) => {
      const raw = line.split("\t");
      let kind: EntityKindValue | undefined;
      for (let i = 0; i < indexes.length; i++) {
        const text = raw[indexes[i]!]!;
        switch (modes[i]) {
          case AS_IS:
            row.text(i, decodeCell(text));
            break;
          case READ:
            row.set(i, reads[i]!(decodeCell(text)) as LeadCell);
            break;
          case LABEL: {
            const memo = remembered[i]!;
            const known = memo.get(text);
            if (known !== undefined) {
              row.tails[i] = known.tail;
              row.lengths[i] = known.length;
            } else {
              kind ??= readKind(decodeCell(raw[kindIndex]!));
              row.set(i, shows[i]!(reads[i]!(decodeCell(text)), kind));
              if (memo.size < REMEMBERED_VALUES) memo.set(text, { tail: row.tails[i]!, length: row.lengths[i]! });
            }
            break;
          }
          default:
            kind ??= readKind(decodeCell(raw[kindIndex]!));
            row.set(i, shows[i]!(reads[i]!(decodeCell(text)), kind));
        }
      }
      return row;
    };
  };
}

// How leadCsvLines and leadXlsxRows write a column: the stored text as it is, read (a count), a
// label of the stored value (remembered), or personal (masked by its column, row by row).
type Mode = 0 | 1 | 2 | 3;
const AS_IS = 0;
const READ = 1;
const LABEL = 2;
const PERSONAL = 3;
