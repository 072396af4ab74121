import "server-only";
import type { SourceId } from "@/lib/sources.ts";
import type { BusinessScale } from "@/lib/identifiers/business-scale.ts";

/**
 * Contracts between the parts of the ingest pipeline:
 *   read (bytes → RawRow) → map headers (SourceDefinition) → normalize (RowOutcome) → write (COPY).
 * Every file, upload, SFTP fetch and API push goes through the same steps.
 */

/** One data record as read from a file: the physical line it starts on (1-based) and its cells. */
export interface RawRow {
  line: number;
  cells: string[];
  /**
   * Cells (by index) that held a byte their file's encoding does not define (0x81, 0x8D, 0x8F,
   * 0x90, 0x9D in Windows-1252), decoded as U+FFFD: the value is kept, and the report says so.
   */
  undefinedBytes?: number[];
}

/** How sure the region resolution is, weakest last. `code` = given as a code and found. */
export type RegionMatchQuality = "code" | "exact" | "alias" | "fuzzy" | "ambiguous" | "unresolved";

export interface ResolvedRegion {
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  /** The weakest quality among the levels that were given. */
  quality: RegionMatchQuality;
  /** Problems worth a warning (an unknown code, a name that matched nothing or several). */
  issues: { column: string; reason: string }[];
}

/** Region columns of a row, each as given (any may be empty). */
export interface RegionInput {
  provinceCode?: string;
  provinceName?: string;
  regencyCode?: string;
  regencyName?: string;
  districtCode?: string;
  districtName?: string;
  villageCode?: string;
  villageName?: string;
}

/** Turns the region columns of a row into Kemendagri codes (in memory: called per row). */
export interface RegionResolver {
  resolve(input: RegionInput): ResolvedRegion;
}

/**
 * A partner row in Jangkau's own shape. Business sources fill the business fields; person
 * sources (pengurus, notaris, peserta) fill `nik`, `name` and `extra`.
 */
export interface NormalizedRecord {
  name: string | null;
  /** PT, CV, FIRMA, PERSEKUTUAN_PERDATA, … as the source states it (entity type column). */
  legalForm: string | null;
  /** 16 digits. */
  npwp: string | null;
  /** True when the NPWP is a person's NIK (personal data). */
  npwpIsNik: boolean;
  nib: string | null;
  nik: string | null;
  kodeWlkp: string | null;
  kodeBadanUsaha: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  regionMatch: RegionMatchQuality | null;
  address: string | null;
  postcode: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
  workerCount: number | null;
  businessScale: BusinessScale | null;
  kbli: string | null;
  /** Source-specific values (registration status, position, segment, …), already normalized. */
  extra: Record<string, string | number | boolean | null>;
}

export interface RowIssue {
  /** The column as the file named it (its header), or the canonical key when there is none. */
  column: string;
  /** The offending value; masked when it is personal data. */
  value: string;
  reason: string;
}

export type RowOutcome =
  | { ok: true; record: NormalizedRecord; warnings: RowIssue[] }
  | { ok: false; issues: RowIssue[] };

export interface ColumnSpec {
  /** Canonical key used in code (`npwp`, `nama_kontak`). */
  key: string;
  /** The agreement's own wording, used as the header of reports and exports. */
  label: string;
  /** Other headers that mean this column (short aliases, spelling variants). */
  aliases: readonly string[];
  /** A file without this column is refused as a whole. */
  required?: boolean;
  /** Values are personal data: masked in reject reports and logs. */
  personal?: boolean;
  /**
   * The cell as the record's stored fields write it (`PT SINAR JAYA` from `name`, `0812…` from
   * a phone kept as `+62812…`). An import keeps a cell's original text in `raw` only where it
   * differs from this; `originalCells` rebuilds the rest. Without it, every non-empty cell is kept.
   */
  cell?: (record: StoredRecordFields) => string;
}

/**
 * A record's fields as `source_record` gives them back (Prisma row or the record just built):
 * what a column's `cell` reads, so the importing side and every reader render a cell alike.
 */
export type StoredRecordFields = Omit<NormalizedRecord, "extra" | "businessScale" | "regionMatch"> & {
  businessScale: string | null;
  regionMatch: string | null;
  extra: unknown;
};

export interface SourceDefinition {
  id: SourceId;
  columns: readonly ColumnSpec[];
  /**
   * Whether `normalize` resolves region columns (`ctx.regions`). An import of a source that does
   * not skips reading and indexing the region table (~1–2 s of CPU and tens of MB per import).
   */
  usesRegions: boolean;
  /**
   * Validates and normalizes one row, given its values by canonical key (missing columns are
   * absent) and the header each key was found under (for reports).
   */
  normalize(values: Readonly<Record<string, string>>, context: NormalizeContext): RowOutcome;
}

export interface NormalizeContext {
  regions: RegionResolver;
  /** Header as found in the file, by canonical key. */
  headers: Readonly<Record<string, string>>;
}
