import "server-only";
import { isSourceId } from "@/lib/sources.ts";
import { copyArrayElement } from "./copy-text.ts";
import { getSource } from "./sources/index.ts";
import type { ColumnSpec, StoredRecordFields } from "./types.ts";

/**
 * `source_record.raw`: a record's cells as its partner delivered them, for *Catatan sumber*. The
 * original file is archived in storage, so a row keeps only the cells its normalized fields do
 * not write back exactly (a column's `cell`): a tidy row stores `{}`, a messy one the odd cells
 * alone — `{TAG, "1:01.312.166.0-091.000", "4:  pt   sinar  jaya "}`, each `<column>:<text>` by
 * its index in the source's column map. Rows imported before this stored every cell of the map
 * (never an empty array, never the tag first) and read as they are.
 *
 * Why not NULL for a reproduced cell: Prisma refuses a NULL inside a `String[]`, so every full
 * read of a row would fail. Why not "" for it: an empty cell whose fields write something (a
 * province code the resolver derived from the regency) must stay empty.
 */
const TAG = "\u001f";

/** The COPY text of `raw` for one row: `cells[indexes[k]]` where it differs from `rendered[k]`. */
export function copyRawCells(cells: readonly string[], indexes: readonly number[], rendered: readonly string[], specials: boolean): string {
  let out = "{";
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k]!;
    const cell = i >= 0 ? (cells[i] ?? "") : "";
    if (cell === rendered[k]) continue;
    out += `${out.length === 1 ? `"${TAG}"` : ""},${copyArrayElement(`${k}:${cell}`, specials)}`;
  }
  return out + "}";
}

/** One cell of a record as its partner delivered it, under the source's column. */
export interface OriginalCell {
  /** The column of the source's map; undefined for a cell past the map (an older map's). */
  column: ColumnSpec | undefined;
  text: string;
}

/**
 * A stored record's cells as delivered, in the order of its source's column map, from its fields
 * and `raw` (either form). Values are clear text: every way out masks them by the one rule
 * (`personalKindOf`).
 */
export function originalCells(source: string, record: StoredRecordFields, raw: readonly string[]): OriginalCell[] {
  const columns = isSourceId(source) ? getSource(source).columns : [];
  if (raw.length > 0 && raw[0] !== TAG) return raw.map((text, i) => ({ column: columns[i], text }));
  const differing = new Map<number, string>();
  for (let j = 1; j < raw.length; j++) {
    const item = raw[j]!;
    const colon = item.indexOf(":");
    differing.set(Number(item.slice(0, colon)), item.slice(colon + 1));
  }
  return columns.map((column, i) => ({ column, text: differing.get(i) ?? column.cell?.(record) ?? "" }));
}
