import { BUSINESS_SCALE_LABELS, isBusinessScale } from "../identifiers/business-scale.ts";
import { nationalPhone } from "../identifiers/phone.ts";
import { LEGAL_FORMS, legalFormLabel, type LegalForm } from "../names/business-name.ts";
import { maskIfPersonal } from "../personal-data.ts";
import { isSourceId, SOURCE_LABELS } from "../sources.ts";
import { BUSINESS_STATUS_LABELS, type BusinessStatusValue } from "./business-status.ts";
import { ENTITY_KIND_LABELS, leadFieldColumn, type EntityKindValue } from "./entity-kind.ts";
import { FOLLOW_UP_STATUS_LABELS, NOT_FOLLOWED_UP_LABEL, type FollowUpStatusValue } from "./follow-up-status.ts";
import type { LeadListColumn } from "./lead-url-state.ts";

/**
 * The columns of a lead list as staff download it (CSV, XLSX): one definition per column — a
 * stable key, the Indonesian header, the kind of cell and how the value reads — so every format
 * writes the same columns in the same order.
 */

/**
 * Formats a lead list downloads in: XLSX (what Excel opens as it is), CSV for Excel set to
 * Indonesian (`;` between cells, decimal comma), and plain CSV (`,`) for other programs.
 */
export const LEAD_EXPORT_FORMATS = ["xlsx", "csv-id", "csv"] as const;
export type LeadExportFormat = (typeof LEAD_EXPORT_FORMATS)[number];

export function isLeadExportFormat(value: unknown): value is LeadExportFormat {
  return typeof value === "string" && (LEAD_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** One business as an export reads it: codes and counts as stored, region names joined. */
export interface LeadExportRow {
  name: string;
  /** A business or a notary: a notary's NPWP, telephone and e-mail are personal. */
  kind: EntityKindValue;
  /** LEGAL_FORMS value ("PT", "PERSEKUTUAN_PERDATA"). */
  legalForm: string | null;
  /** 16 digits. */
  npwp: string | null;
  nib: string | null;
  kodeWlkp: string | null;
  kodeBadanUsaha: string | null;
  /** The most precise region code known: the village's when known. */
  regionCode: string | null;
  provinceName: string | null;
  regencyName: string | null;
  districtName: string | null;
  villageName: string | null;
  address: string | null;
  postcode: string | null;
  /** BUSINESS_SCALES value ("MIKRO"). */
  businessScale: string | null;
  kbli: string | null;
  workerCount: number | null;
  registeredWorkers: number | null;
  workerGap: number | null;
  status: BusinessStatusValue;
  /** Source ids ("kemnaker-bu"). */
  sources: readonly string[];
  priority: number;
  phone: string | null;
  email: string | null;
  /** Null when nobody followed the lead up yet. */
  followUpStatus: FollowUpStatusValue | null;
  assigneeName: string | null;
}

export type LeadCell = string | number | null;

export interface LeadColumn {
  key: string;
  header: string;
  /** "text" cells stay text in every format: NPWP, NIB and codes keep their leading zeros. */
  type: "text" | "integer";
  /** The one field of the row the cell is made from. */
  field: keyof LeadExportRow;
  /**
   * How the field reads in the cell (a label, the national phone form); the field as it is when
   * absent. A personal column's also takes the lead's kind, which decides its masking.
   */
  show?: (value: LeadExportRow[keyof LeadExportRow], kind: EntityKindValue) => LeadCell;
  /**
   * The cell goes through the masking rule (maskIfPersonal) and depends on the lead's kind; every
   * other column's cell depends on its field alone, so an export may reuse the cell it wrote for
   * the same stored value.
   */
  personal: boolean;
  /** The cell of one row: `show` of the field, or the field. */
  value: (row: LeadExportRow) => LeadCell;
}

/** A column that shows `field` as it is, or through `show`. */
function column<F extends keyof LeadExportRow>(
  key: string,
  header: string,
  type: LeadColumn["type"],
  field: F,
  show?: (value: LeadExportRow[F]) => LeadCell,
): LeadColumn {
  if (!show) return { key, header, type, field, personal: false, value: (row) => row[field] as LeadCell };
  const read = show as (value: LeadExportRow[keyof LeadExportRow]) => LeadCell;
  return { key, header, type, field, personal: false, show: read, value: (row) => show(row[field]) };
}

/** A column whose value is masked when personal, by the rule of the lead's kind (leadFieldColumn). */
function personalColumn(key: string, header: string, field: "npwp" | "phone" | "email", show: (value: string | null, kind: EntityKindValue) => string | null): LeadColumn {
  const read = show as (value: LeadExportRow[keyof LeadExportRow], kind: EntityKindValue) => LeadCell;
  return { key, header, type: "text", field, personal: true, show: read, value: (row) => show(row[field], row.kind) };
}

/**
 * Personal data leaves masked, exactly as the lead pages show it (lib/personal-data.ts, the one
 * rule): a NIK used as NPWP, a mobile number and an email on a free webmail domain; a notary's
 * NPWP, telephone and e-mail whatever their shape (a notary is a person). A business's
 * office landline and its own-domain email are the business's, shown as is. Clear values are only ever revealed on screen, one lead at a time,
 * audited — never in bulk.
 */
export const LEAD_COLUMNS: readonly LeadColumn[] = [
  column("name", "Nama Badan Usaha", "text", "name"),
  column("legalForm", "Bentuk Usaha", "text", "legalForm", legalFormText),
  personalColumn("npwp", "NPWP", "npwp", (npwp, kind) => maskIfPersonal(npwp, leadFieldColumn(kind, "npwp"))),
  column("nib", "NIB", "text", "nib"),
  column("kodeWlkp", "Kode WLKP", "text", "kodeWlkp"),
  column("kodeBadanUsaha", "Kode Badan Usaha BPJS", "text", "kodeBadanUsaha"),
  column("regionCode", "Kode Wilayah", "text", "regionCode"),
  column("provinceName", "Provinsi", "text", "provinceName"),
  column("regencyName", "Kabupaten/Kota", "text", "regencyName"),
  column("districtName", "Kecamatan", "text", "districtName"),
  column("villageName", "Kelurahan", "text", "villageName"),
  column("address", "Alamat", "text", "address"),
  column("postcode", "Kode Pos", "text", "postcode"),
  column("businessScale", "Skala Usaha", "text", "businessScale", businessScaleText),
  column("kbli", "KBLI", "text", "kbli"),
  column("workerCount", "Jumlah Pekerja (Kemnaker)", "integer", "workerCount"),
  column("registeredWorkers", "Pekerja Terdaftar JKN", "integer", "registeredWorkers"),
  column("workerGap", "Selisih Pekerja", "integer", "workerGap"),
  column("status", "Status Kepesertaan", "text", "status", (status) => BUSINESS_STATUS_LABELS[status]),
  column("sources", "Sumber", "text", "sources", (sources) => sources.map(sourceText).join("; ")),
  column("priority", "Skor Prioritas", "integer", "priority"),
  // National form (0812…), as people dial and write it: the stored +62 form would start a
  // formula in a spreadsheet and be written with a visible apostrophe.
  personalColumn("phone", "Telepon", "phone", (phone, kind) => nationalPhone(maskIfPersonal(phone, leadFieldColumn(kind, "phone")))),
  personalColumn("email", "Email", "email", (email, kind) => maskIfPersonal(email, leadFieldColumn(kind, "email"))),
  column("followUpStatus", "Status Tindak Lanjut", "text", "followUpStatus", (status) => (status ? FOLLOW_UP_STATUS_LABELS[status] : NOT_FOLLOWED_UP_LABEL)),
  column("assignee", "Petugas", "text", "assigneeName"),
  // Last, so files read by column position keep their layout.
  column("kind", "Jenis", "text", "kind", (kind) => ENTITY_KIND_LABELS[kind]),
];

export const LEAD_COLUMN_HEADERS: readonly string[] = LEAD_COLUMNS.map((c) => c.header);

export const LEAD_COLUMN_KEYS: readonly string[] = LEAD_COLUMNS.map((c) => c.key);

/**
 * The columns named by `keys`, in the export's fixed order (so a file's layout never depends on
 * the order boxes were ticked); unknown keys are ignored. No keys, or none known: every column.
 */
export function selectLeadColumns(keys: readonly string[] | undefined): readonly LeadColumn[] {
  if (!keys?.length) return LEAD_COLUMNS;
  const wanted = new Set(keys);
  const chosen = LEAD_COLUMNS.filter((column) => wanted.has(column.key));
  return chosen.length ? chosen : LEAD_COLUMNS;
}

/**
 * The export columns that carry what a column of the lead table shows: the export dialog ticks
 * these for the table's visible columns.
 */
export const LEAD_LIST_EXPORT_COLUMNS: Readonly<Record<LeadListColumn, readonly string[]>> = {
  name: ["name"],
  region: ["regionCode", "provinceName", "regencyName", "districtName", "villageName"],
  scale: ["businessScale"],
  kbli: ["kbli"],
  workers: ["workerCount"],
  gap: ["registeredWorkers", "workerGap"],
  status: ["status"],
  priority: ["priority"],
  followUp: ["followUpStatus"],
  assignee: ["assignee"],
  sources: ["sources"],
  npwp: ["npwp"],
  nib: ["nib"],
};

export function exportColumnsForList(listColumns: readonly LeadListColumn[]): string[] {
  const keys = new Set(listColumns.flatMap((column) => LEAD_LIST_EXPORT_COLUMNS[column]));
  return LEAD_COLUMNS.filter((column) => keys.has(column.key)).map((column) => column.key);
}

/** A stored LEGAL_FORMS value as people read it ("PERSEKUTUAN_PERDATA" → its label); anything else as is. */
export function legalFormText(form: string | null): string | null {
  if (form === null) return null;
  return (LEGAL_FORMS as readonly string[]).includes(form) ? legalFormLabel(form as LegalForm) : form;
}

function businessScaleText(scale: string | null): string | null {
  if (scale === null) return null;
  return isBusinessScale(scale) ? BUSINESS_SCALE_LABELS[scale] : scale;
}

function sourceText(source: string): string {
  return isSourceId(source) ? SOURCE_LABELS[source] : source;
}
