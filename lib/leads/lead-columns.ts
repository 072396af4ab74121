import { BUSINESS_SCALE_LABELS, isBusinessScale } from "../identifiers/business-scale.ts";
import { LEGAL_FORMS, legalFormLabel, type LegalForm } from "../names/business-name.ts";
import { isSourceId, SOURCE_LABELS } from "../sources.ts";
import { BUSINESS_STATUS_LABELS, type BusinessStatusValue } from "./business-status.ts";

/**
 * The columns of a lead list as staff download it (CSV now, XLSX and the Prospek page next):
 * one definition per column — a stable key, the Indonesian header, the kind of cell and how the
 * value reads — so every format writes the same columns in the same order.
 */

/** Formats a lead list downloads in (XLSX is the next step). */
export const LEAD_EXPORT_FORMATS = ["csv"] as const;
export type LeadExportFormat = (typeof LEAD_EXPORT_FORMATS)[number];

/** One business as an export reads it: codes and counts as stored, region names joined. */
export interface LeadExportRow {
  name: string;
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
}

export interface LeadColumn {
  key: string;
  header: string;
  /** "text" cells stay text in every format: NPWP, NIB and codes keep their leading zeros. */
  type: "text" | "integer";
  value: (row: LeadExportRow) => string | number | null;
}

export const LEAD_COLUMNS: readonly LeadColumn[] = [
  { key: "name", header: "Nama Badan Usaha", type: "text", value: (r) => r.name },
  { key: "legalForm", header: "Bentuk Usaha", type: "text", value: (r) => legalFormText(r.legalForm) },
  { key: "npwp", header: "NPWP", type: "text", value: (r) => r.npwp },
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
  { key: "phone", header: "Telepon", type: "text", value: (r) => r.phone },
  { key: "email", header: "Email", type: "text", value: (r) => r.email },
];

export const LEAD_COLUMN_HEADERS: readonly string[] = LEAD_COLUMNS.map((c) => c.header);

function legalFormText(form: string | null): string | null {
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
