import "server-only";
import type { ColumnSpec, SourceDefinition } from "@/server/ingest/types.ts";

/**
 * Finds a source's columns in a file's header row. Partners write the agreements' labels in many
 * ways ("Nomor Pokok Wajib Pajak (NPWP)", "NOMOR_POKOK_WAJIB_PAJAK_NPWP", "npwp", "No. NPWP"), so
 * a header is compared with every column's key, label and aliases after `normalizeHeader`.
 *
 * Runs once per file (or once per distinct key set of API records), so clarity wins over speed
 * here; the per-definition lookup table is still built only once.
 */

/**
 * The comparable form of a header: accents and the BOM removed, lowercased, and everything that
 * is not a letter or a digit dropped, so case, spacing and punctuation do not matter:
 * "Nomor Pokok Wajib Pajak (NPWP)" and "nomor_pokok_wajib_pajak_npwp" → "nomorpokokwajibpajaknpwp".
 */
export function normalizeHeader(text: string): string {
  // NFKD splits "é" into "e" + a combining mark, which the second step drops with the rest.
  return text.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Two or more file columns that mean the same source column: the file is ambiguous. */
export interface DuplicateColumn {
  key: string;
  /** The agreement's label of the column. */
  label: string;
  /** The headers as the file wrote them, in file order. */
  headers: string[];
  /** Their 0-based positions in the header row. */
  indexes: number[];
}

export interface HeaderMatch {
  /** Per file column, the canonical key it holds; null for unknown, empty or duplicate headers. */
  keyByIndex: (string | null)[];
  /** Per canonical key found, the header as the file wrote it (for reports: `ctx.headers`). */
  headers: Record<string, string>;
  /** Required columns not found: the file must be refused. */
  missingRequired: ColumnSpec[];
  /**
   * Keys claimed by more than one file column. Only the first of them is mapped in `keyByIndex`,
   * but which one the partner meant cannot be known: the pipeline should refuse the file
   * (`headerProblemsMessage` says so).
   */
  duplicates: DuplicateColumn[];
  /** Non-empty headers that match no column (kept for the import summary; not an error). */
  unknownColumns: string[];
}

/** Normalized header → column, per definition. */
const lookups = new WeakMap<SourceDefinition, ReadonlyMap<string, ColumnSpec>>();

/**
 * The normalized names under which each column of `definition` is recognised: its key, label and
 * aliases. Throws when one name would mean two columns: that is a bug in the definition, and
 * matching would silently depend on column order.
 */
export function headerLookup(definition: SourceDefinition): ReadonlyMap<string, ColumnSpec> {
  const cached = lookups.get(definition);
  if (cached) return cached;
  const lookup = new Map<string, ColumnSpec>();
  for (const column of definition.columns) {
    for (const name of [column.key, column.label, ...column.aliases]) {
      const normalized = normalizeHeader(name);
      if (normalized.length === 0) continue;
      const existing = lookup.get(normalized);
      if (existing && existing.key !== column.key) {
        throw new Error(
          `Source ${definition.id}: header "${name}" would mean both ${existing.key} and ${column.key}`,
        );
      }
      lookup.set(normalized, column);
    }
  }
  lookups.set(definition, lookup);
  return lookup;
}

/**
 * The ways a header is tried, best first: as written; without its parenthesised parts
 * ("Kode Pos (5 digit)" → "Kode Pos"); then each parenthesised part ("Nomor Pokok Wajib Pajak
 * Badan Usaha (NPWP)" → "NPWP"). The label itself always matches in the first step.
 */
function headerCandidates(header: string): string[] {
  const candidates = [normalizeHeader(header)];
  if (!header.includes("(")) return candidates;
  candidates.push(normalizeHeader(header.replace(/\([^()]*\)?/g, " ")));
  for (const match of header.matchAll(/\(([^()]*)\)?/g)) candidates.push(normalizeHeader(match[1] ?? ""));
  return candidates.filter((candidate) => candidate.length > 0);
}

function findColumn(header: string, lookup: ReadonlyMap<string, ColumnSpec>): ColumnSpec | null {
  for (const candidate of headerCandidates(header)) {
    const column = lookup.get(candidate);
    if (column) return column;
  }
  return null;
}

/** Maps a file's header row (or the keys of an API record) onto `definition`'s columns. */
export function matchHeaders(headerCells: readonly string[], definition: SourceDefinition): HeaderMatch {
  const lookup = headerLookup(definition);
  const keyByIndex: (string | null)[] = new Array<string | null>(headerCells.length).fill(null);
  const headers: Record<string, string> = {};
  const duplicatesByKey = new Map<string, DuplicateColumn>();
  const unknownColumns: string[] = [];

  headerCells.forEach((cell, index) => {
    const header = cell.replace(/^\uFEFF/, "").trim();
    if (header.length === 0) return; // trailing empty columns are what spreadsheets leave behind
    const column = findColumn(header, lookup);
    if (!column) {
      unknownColumns.push(header);
      return;
    }
    const firstHeader = headers[column.key];
    if (firstHeader === undefined) {
      headers[column.key] = header;
      keyByIndex[index] = column.key;
      return;
    }
    let duplicate = duplicatesByKey.get(column.key);
    if (!duplicate) {
      duplicate = { key: column.key, label: column.label, headers: [firstHeader], indexes: [keyByIndex.indexOf(column.key)] };
      duplicatesByKey.set(column.key, duplicate);
    }
    duplicate.headers.push(header);
    duplicate.indexes.push(index);
  });

  const missingRequired = definition.columns.filter((column) => column.required && headers[column.key] === undefined);
  return { keyByIndex, headers, missingRequired, duplicates: [...duplicatesByKey.values()], unknownColumns };
}

/**
 * Per row, the values by canonical key that `SourceDefinition.normalize` takes: `cells[i]` (or "")
 * under `keyByIndex[i]`, columns without a key left out. Compiled once per header into a single
 * object literal, so every row's object has the same hidden class and costs ~0.1 µs; 22 keyed
 * stores into a fresh `{}` measured ~3 µs a row. The keys are the source's own column keys,
 * never text from the file.
 */
export function valuesReader(keyByIndex: readonly (string | null)[]): (cells: readonly string[]) => Record<string, string> {
  const entries = keyByIndex.flatMap((key, index) => (key === null ? [] : [`${JSON.stringify(key)}: cells[${index}] ?? ""`]));
  return new Function("cells", `"use strict"; return { ${entries.join(", ")} };`) as (cells: readonly string[]) => Record<string, string>;
}

/** "Kolom wajib tidak ditemukan: Nama Pemberi Kerja, Nomor Pokok Wajib Pajak (NPWP)". */
export function missingColumnsMessage(missing: readonly Pick<ColumnSpec, "label">[]): string {
  return `Kolom wajib tidak ditemukan: ${missing.map((column) => column.label).join(", ")}`;
}

/** "Kolom ganda: "NPWP" dan "No. NPWP" sama-sama berarti Nomor Pokok Wajib Pajak (NPWP)". */
export function duplicateColumnsMessage(duplicates: readonly DuplicateColumn[]): string {
  const parts = duplicates.map(
    (duplicate) => `${duplicate.headers.map((header) => `"${header}"`).join(" dan ")} sama-sama berarti ${duplicate.label}`,
  );
  return `Kolom ganda: ${parts.join("; ")}`;
}

/**
 * Why a file must be refused on its header row alone, in Indonesian; null when it can be read.
 * Missing required columns and ambiguous (duplicate) columns both refuse the file.
 */
export function headerProblemsMessage(match: Pick<HeaderMatch, "missingRequired" | "duplicates">): string | null {
  const problems: string[] = [];
  if (match.missingRequired.length > 0) problems.push(missingColumnsMessage(match.missingRequired));
  if (match.duplicates.length > 0) problems.push(duplicateColumnsMessage(match.duplicates));
  return problems.length > 0 ? problems.join(". ") : null;
}
