import "server-only";
import type { SourceId } from "@/lib/sources.ts";
import { copyValue, hasArraySpecials } from "./copy-text.ts";
import { matchHeaders, valuesReader } from "./header-matching.ts";
import { copyRawCells } from "./raw-cells.ts";
import { rowDigestWords } from "./row-digest-set.ts";
import { getSource } from "./sources/index.ts";
import { MASKS } from "./sources/row-helpers.ts";
import type { NormalizedRecord, RawRow, RegionResolver, RowIssue } from "./types.ts";

/**
 * The per-row work of an import that needs no shared state: the row's duplicate digest, its
 * checks and normalization, and its COPY line as UTF-8 bytes. It runs in worker threads
 * (row-workers.ts) or, for small deliveries, in the importing thread; either way the importing
 * thread then takes the results in file order, drops duplicates by digest, counts and reports.
 */

export interface RowWorkSetup {
  source: SourceId;
  /** The header cells as delivered. */
  header: readonly string[];
  batchId: string;
}

/** What happened to one row, for the reject report; rows without a `rejected` event are accepted. */
export interface RowEvent {
  /** Index of the row in its job. */
  row: number;
  kind: "rejected" | "warned";
  issues: RowIssue[];
}

export interface RowJobResult {
  /** Per row, DIGEST_WORDS words: the digest of its cells (RowDigestSet.addDigest). */
  digests: Uint32Array;
  /** Per row: the end offset in `copy` of its COPY line (it starts at the previous row's end); a rejected row adds no bytes. */
  ends: Uint32Array;
  /** The COPY lines of the accepted rows, in order. */
  copy: Uint8Array;
  events: RowEvent[];
}

export const DIGEST_WORDS = 4;

/** Builds the function that works through one job of rows (compiles the source's value reader once). */
export function createRowWork(setup: RowWorkSetup, regions: RegionResolver): (rows: readonly RawRow[]) => RowJobResult {
  const definition = getSource(setup.source);
  const headers = matchHeaders(setup.header, definition);
  const columnCount = headers.keyByIndex.length;
  // Raw cells are kept in the order of the source's column map, so every batch of a source
  // stores them alike whatever order the partner's columns came in.
  const rawIndexes = definition.columns.map((column) => headers.keyByIndex.indexOf(column.key));
  // What each column's cell reads like from the record's fields: `raw` keeps a cell only where
  // the delivered text differs (one array, refilled per row).
  const cellOf = definition.columns.map((column) => column.cell ?? noCell);
  const rendered: string[] = cellOf.map(() => "");
  const valuesOf = valuesReader(headers.keyByIndex);
  const personalKeys = new Set(definition.columns.filter((column) => column.personal).map((column) => column.key));
  const personalIndexes = new Set(headers.keyByIndex.flatMap((key, index) => (key !== null && personalKeys.has(key) ? [index] : [])));
  const normalizeContext = { regions, headers: headers.headers };
  const prefix = `${setup.batchId}\t${copyValue(setup.source)}\t`;

  return (rows) => {
    const digests = new Uint32Array(rows.length * DIGEST_WORDS);
    const ends = new Uint32Array(rows.length);
    const events: RowEvent[] = [];
    // Transferable (never a slice of Node's shared pool); grown when a job's lines need more.
    let copy = new Uint8Array(Math.max(64 * 1024, rows.length * 640));
    let used = 0;
    const encoder = new TextEncoder();
    for (let i = 0; i < rows.length; i++) {
      ends[i] = used;
      const row = rows[i]!;
      const cells = row.cells;
      const joined = cells.join("\u001f");
      rowDigestWords(joined, digests, i * DIGEST_WORDS);

      if (cells.length > columnCount && cells.slice(columnCount).some((cell) => cell.trim() !== "")) {
        events.push({
          row: i,
          kind: "rejected",
          issues: [
            { column: "(baris)", value: `${cells.length} kolom`, reason: `Jumlah kolom (${cells.length}) melebihi header (${columnCount}); periksa tanda kutip atau pemisah.` },
          ],
        });
        continue;
      }
      if (row.undefinedBytes) events.push({ row: i, kind: "warned", issues: undefinedByteIssues(row, setup.header, personalIndexes) });
      const outcome = definition.normalize(valuesOf(cells), normalizeContext);
      if (!outcome.ok) {
        events.push({ row: i, kind: "rejected", issues: outcome.issues });
        continue;
      }
      if (outcome.warnings.length) events.push({ row: i, kind: "warned", issues: outcome.warnings });
      for (let k = 0; k < cellOf.length; k++) rendered[k] = cellOf[k]!(outcome.record);
      const text = prefix + recordColumns(row.line, outcome.record, cells, rawIndexes, hasArraySpecials(joined), rendered);
      // At most 3 UTF-8 bytes per UTF-16 code unit.
      if (used + text.length * 3 > copy.length) {
        const bigger = new Uint8Array(Math.max(copy.length * 2, used + text.length * 3));
        bigger.set(copy.subarray(0, used));
        copy = bigger;
      }
      used += encoder.encodeInto(text, copy.subarray(used)).written;
      ends[i] = used;
    }
    return { digests, ends, copy: copy.subarray(0, used), events };
  };
}

/** A column without a renderer: only its empty cell needs no place in `raw`. */
const noCell = (): string => "";

/**
 * One warning per cell that held a byte Windows-1252 does not define: the value stays (with
 * U+FFFD where the byte was), since the rest of it is usually right; the partner learns where to look.
 */
function undefinedByteIssues(row: RawRow, header: readonly string[], personalIndexes: ReadonlySet<number>): RowIssue[] {
  return (row.undefinedBytes ?? []).map((index) => {
    const value = (row.cells[index] ?? "").trim();
    return {
      column: header[index] || `kolom ${index + 1}`,
      value: personalIndexes.has(index) ? MASKS.text(value) : value,
      reason: "byte tidak terdefinisi di Windows-1252 (diganti dengan \uFFFD); periksa nilai ini atau simpan ulang berkas sebagai CSV UTF-8",
    };
  });
}

/** A COPY text line of `source_record` after its batch id and source (RECORD_COLUMNS' order). */
function recordColumns(
  line: number,
  r: NormalizedRecord,
  cells: readonly string[],
  rawIndexes: readonly number[],
  rawSpecials: boolean,
  rendered: readonly string[],
): string {
  return (
    `${line}\t${copyValue(r.name)}\t${copyValue(r.legalForm)}\t${copyValue(r.npwp)}\t` +
    `${copyValue(r.npwpIsNik)}\t${copyValue(r.nib)}\t${copyValue(r.nik)}\t${copyValue(r.kodeWlkp)}\t${copyValue(r.kodeBadanUsaha)}\t` +
    `${copyValue(r.provinceCode)}\t${copyValue(r.regencyCode)}\t${copyValue(r.districtCode)}\t${copyValue(r.villageCode)}\t` +
    `${copyValue(r.regionMatch)}\t${copyValue(r.address)}\t${copyValue(r.postcode)}\t${copyValue(r.phone)}\t${copyValue(r.email)}\t` +
    `${copyValue(r.workerCount)}\t${copyValue(r.businessScale)}\t${copyValue(r.kbli)}\t${copyValue(extraJson(r.extra))}\t` +
    `${copyRawCells(cells, rawIndexes, rendered, rawSpecials)}\n`
  );
}

/**
 * `extra` as stored: only the keys that hold a value. An empty key read back (`extra->>'kitas'`,
 * `extra.kitas`) is null either way, and a worker row's `extra` was about 40 % null keys
 * (docs/importing.md, "What an import stores").
 */
export function extraJson(extra: NormalizedRecord["extra"]): string {
  let out = "{";
  for (const key in extra) {
    const value = extra[key];
    if (value === null || value === undefined || value === "") continue;
    if (out.length > 1) out += ",";
    out += `${jsonKey(key)}:${typeof value === "string" && !JSON_ESCAPED.test(value) ? `"${value}"` : JSON.stringify(value)}`;
  }
  return out + "}";
}

/**
 * What JSON.stringify would escape in a string (quote, backslash, control characters) or might
 * (surrogates): a string without any is written as it is. The two JSON.stringify calls per key
 * were a tenth of a worker row's own work in the profile.
 */
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonKeys = new Map<string, string>();
function jsonKey(key: string): string {
  let json = jsonKeys.get(key);
  if (json === undefined) jsonKeys.set(key, (json = JSON.stringify(key)));
  return json;
}
