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

export interface LeadColumn {
  key: string;
  header: string;
  /** "text" cells stay text in every format: NPWP, NIB and codes keep their leading zeros. */
  type: "text" | "integer";
  value: (row: LeadExportRow) => string | number | null;
}

/**
 * Personal data leaves masked, exactly as the lead pages show it (lib/personal-data.ts, the one
 * rule): a NIK used as NPWP, a mobile number and an email on a free webmail domain; a notary's
 * NPWP, telephone and e-mail whatever their shape (a notary is a person). A business's
 * office landline and its own-domain email are the business's, shown as is. Clear values are only ever revealed on screen, one lead at a time,
 * audited — never in bulk.
 */
export const LEAD_COLUMNS: readonly LeadColumn[] = [
  { key: "name", header: "Nama Badan Usaha", type: "text", value: (r) => r.name },
  { key: "legalForm", header: "Bentuk Usaha", type: "text", value: (r) => legalFormText(r.legalForm) },
  { key: "npwp", header: "NPWP", type: "text", value: (r) => maskIfPersonal(r.npwp, leadFieldColumn(r.kind, "npwp")) },
  { key: "nib", header: "NIB", type: "text", value: (r) => r.nib },
  { key: "kodeWlkp", header: "Kode WLKP", type: "text", value: (r) => r.kodeWlkp },
  { key: "kodeBadanUsaha", header: "Kode Badan Usaha BPJS", type: "text", value: (r) => r.kodeBadanUsaha },
  { key: "regionCode", header: "Kode Wilayah", type: "text", value: (r) => r.regionCode },
  { key: "provinceName", header: "Provinsi", type: "text", value: (r) => r.provinceName },
  { key: "regencyName", header: "Kabupaten/Kota", type: "text", value: (r) => r.regencyName },
  { key: "districtName", header: "Kecamatan", type: "text", value: (r) => r.districtName },
  { key: "villageName", header: "Kelurahan", type: "text", value: (r) => r.villageName },
  { key: "address", header: "Alamat", type: "text", value: (r) => r.address },
  { key: "postcode", header: "Kode Pos", type: "text", value: (r) => r.postcode },
  { key: "businessScale", header: "Skala Usaha", type: "text", value: (r) => businessScaleText(r.businessScale) },
  { key: "kbli", header: "KBLI", type: "text", value: (r) => r.kbli },
  { key: "workerCount", header: "Jumlah Pekerja (Kemnaker)", type: "integer", value: (r) => r.workerCount },
  { key: "registeredWorkers", header: "Pekerja Terdaftar JKN", type: "integer", value: (r) => r.registeredWorkers },
  { key: "workerGap", header: "Selisih Pekerja", type: "integer", value: (r) => r.workerGap },
  { key: "status", header: "Status Kepesertaan", type: "text", value: (r) => BUSINESS_STATUS_LABELS[r.status] },
  { key: "sources", header: "Sumber", type: "text", value: (r) => r.sources.map(sourceText).join("; ") },
  { key: "priority", header: "Skor Prioritas", type: "integer", value: (r) => r.priority },
  // National form (0812…), as people dial and write it: the stored +62 form would start a
  // formula in a spreadsheet and be written with a visible apostrophe.
  { key: "phone", header: "Telepon", type: "text", value: (r) => nationalPhone(maskIfPersonal(r.phone, leadFieldColumn(r.kind, "phone"))) },
  { key: "email", header: "Email", type: "text", value: (r) => maskIfPersonal(r.email, leadFieldColumn(r.kind, "email")) },
  {
    key: "followUpStatus",
    header: "Status Tindak Lanjut",
    type: "text",
    value: (r) => (r.followUpStatus ? FOLLOW_UP_STATUS_LABELS[r.followUpStatus] : NOT_FOLLOWED_UP_LABEL),
  },
  { key: "assignee", header: "Petugas", type: "text", value: (r) => r.assigneeName },
  // Last, so files read by column position keep their layout.
  { key: "kind", header: "Jenis", type: "text", value: (r) => ENTITY_KIND_LABELS[r.kind] },
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
