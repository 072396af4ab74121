import "server-only";
import type { BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { isEntityKind } from "@/lib/leads/entity-kind.ts";
import type { FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";
import type { LeadExportRow } from "@/lib/leads/lead-columns.ts";

/**
 * Where each field of an export row (lib/leads/lead-columns.ts `LeadExportRow`) comes from: its
 * expression in the export's select list and how its COPY text cell reads (null for SQL NULL).
 * One entry per field, in select-list order (not the file's column order, lib/leads/lead-columns.ts),
 * so the statement and the readers of its rows agree on every position by construction.
 */
type FieldSource<F extends keyof LeadExportRow> = { sql: string; read: (cell: string | null) => LeadExportRow[F] };

const text = (cell: string | null): string | null => cell;
const int = (cell: string | null): number | null => (cell === null ? null : Number(cell));

const FIELDS: { readonly [F in keyof LeadExportRow]: FieldSource<F> } = {
  name: { sql: "b.name", read: (cell) => cell ?? "" },
  legalForm: { sql: "b.legal_form", read: text },
  npwp: { sql: "b.npwp", read: text },
  nib: { sql: "b.nib", read: text },
  kodeWlkp: { sql: "b.kode_wlkp", read: text },
  kodeBadanUsaha: { sql: "b.kode_badan_usaha", read: text },
  regionCode: { sql: "coalesce(b.village_code, b.district_code, b.regency_code, b.province_code)", read: text },
  provinceName: { sql: "p.name", read: text },
  regencyName: { sql: "rg.name", read: text },
  districtName: { sql: "d.name", read: text },
  villageName: { sql: "v.name", read: text },
  address: { sql: "b.address", read: text },
  postcode: { sql: "b.postcode", read: text },
  businessScale: { sql: "b.business_scale", read: text },
  kbli: { sql: "b.kbli", read: text },
  workerCount: { sql: "b.worker_count", read: int },
  registeredWorkers: { sql: "b.registered_workers", read: int },
  workerGap: { sql: "b.worker_gap", read: int },
  status: { sql: "b.status::text", read: (cell) => cell as BusinessStatusValue },
  priority: { sql: "b.priority", read: (cell) => int(cell) ?? 0 },
  phone: { sql: "b.phone", read: text },
  email: { sql: "b.email", read: text },
  followUpStatus: { sql: "f.status::text", read: (cell) => cell as FollowUpStatusValue | null },
  assigneeName: { sql: "u.name", read: text },
  kind: { sql: "b.kind::text", read: (cell) => (isEntityKind(cell) ? cell : "BADAN_USAHA") },
  // Last: the one cell whose stored text holds a comma of its own (encode-lead-rows.ts checks a
  // line for commas before its last cell only).
  sources: { sql: "array_to_string(b.sources, ',')", read: (cell) => (cell ? cell.split(",") : []) },
};

type Field = keyof LeadExportRow;

/** The fields in select-list order. */
export const LEAD_EXPORT_FIELDS: readonly Field[] = Object.keys(FIELDS) as Field[];
const FIELD_NAMES = LEAD_EXPORT_FIELDS;

/**
 * The part of the select list one export reads: the fields its columns show, and the kind (a
 * personal column's masking depends on it), in select-list order — so the sources, when asked
 * for, stay last. A file of six columns selected all 26 fields before: the sort carried every
 * field, four region joins ran for names nobody asked for, and every row was parsed whole; the
 * six-column statement takes about half the time of the whole one in PostgreSQL alone.
 */
export interface LeadExportSelection {
  readonly fields: readonly Field[];
  /** The select list, one expression per field. */
  readonly sql: string;
}

export function leadExportSelection(columns: readonly { field: Field }[]): LeadExportSelection {
  const wanted = new Set<Field>(["kind", ...columns.map((column) => column.field)]);
  const fields = FIELD_NAMES.filter((field) => wanted.has(field));
  return { fields, sql: fields.map((field) => FIELDS[field].sql).join(", ") };
}

/** Every field: what the whole row (toLeadExportRow) reads. */
export const ALL_LEAD_EXPORT_FIELDS: LeadExportSelection = leadExportSelection(FIELD_NAMES.map((field) => ({ field })));

/** A field's position in a row of `selection`, and how its cell reads. */
export function leadExportField<F extends Field>(
  selection: LeadExportSelection,
  field: F,
): { index: number; read: (cell: string | null) => LeadExportRow[F]; plainText: boolean } {
  const index = selection.fields.indexOf(field);
  if (index < 0) throw new Error(`lead export: ${field} is not selected`);
  return { index, read: FIELDS[field].read, plainText: FIELDS[field].read === text };
}

/** One row of every field (ALL_LEAD_EXPORT_FIELDS) as the export row. */
export function toLeadExportRow(cells: readonly (string | null)[]): LeadExportRow {
  const row: Partial<Record<Field, unknown>> = {};
  for (let i = 0; i < FIELD_NAMES.length; i++) row[FIELD_NAMES[i]!] = FIELDS[FIELD_NAMES[i]!].read(cells[i] ?? null);
  return row as LeadExportRow;
}
