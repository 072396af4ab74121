import "server-only";
import { parsePhone } from "@/lib/identifiers/phone.ts";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import type { NormalizeContext, RowIssue, SourceDefinition } from "@/server/ingest/types.ts";
import { NPWP_ALIASES, PHONE_ALIASES, REGION_NAME_ALIASES } from "./business-row.ts";
import { formatOfficerCell, parseOfficerCell } from "./officer-list.ts";
import {
  cleanText,
  column,
  identifyByName,
  optional,
  readKbli,
  readOptional,
  record,
  regionReader,
  rowIssue,
  vocabulary,
} from "./row-helpers.ts";

/**
 * `ahu-entitas`: Ditjen AHU's legal entities — PT, CV (persekutuan komanditer), Firma and
 * Persekutuan Perdata — PKS BPJS Kesehatan–AHU 2023, Pasal 4(1)a. Domicile comes as region NAMES
 * only, resolved to codes here. Required column: Nama Entitas — the agreement lists no entity type,
 * so a Jenis Entitas column is read when a file has one, and otherwise the legal form comes from
 * the name ("PT SINAR JAYA", "SINAR JAYA, CV"). A row without a name is rejected; an invalid NPWP
 * is a warning.
 *
 * Record: name, legalForm ("PT" | "CV" | "FIRMA" | "PERSEKUTUAN_PERDATA"; from the name when the
 * type is absent; null with a warning when the type is not one of these or the name shows none),
 * npwp (+ npwpIsNik), region codes + regionMatch (from names), address, phone (E.164), kbli (when
 * the Jenis Usaha cell holds a code).
 *
 * `extra`:
 * - `businessActivity`: the Jenis Usaha cell's text when it is a description rather than only a
 *   KBLI code ("46100 - Perdagangan besar …" gives kbli 46100 and the description).
 * - `officers`: the Pengurus dan Sekutu cell, the agreement's officers and partners, written one
 *   way — "Budi Santoso (DIREKTUR); Ani" — which `parseOfficerCell` reads back (several per cell,
 *   as clerks write them; see officer-list.ts); absent when the cell is empty.
 *   A separate pengurus file (`ahu-pengurus`) carries their e-mail and mobile number.
 */

export const AHU_ENTITAS_KEYS = {
  name: "nama_entitas",
  legalForm: "jenis_entitas",
  npwp: "npwp",
  provinceName: "nama_provinsi",
  regencyName: "nama_kabupaten",
  districtName: "nama_kecamatan",
  villageName: "nama_kelurahan",
  address: "alamat",
  phone: "nomor_telepon",
  businessType: "jenis_usaha",
  officers: "pengurus_sekutu",
} as const;

const K = AHU_ENTITAS_KEYS;

export const LEGAL_FORMS = ["PT", "CV", "FIRMA", "PERSEKUTUAN_PERDATA"] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Entity types as AHU and people write them; compared ignoring case, spaces and punctuation. */
const parseLegalForm = vocabulary<LegalForm>(
  [
    [
      "PT",
      [
        "PT",
        "Perseroan Terbatas",
        "Perseroan",
        "PT Perorangan",
        "Perseroan Perorangan",
        "Perseroan Terbatas Perorangan",
        "PT Tbk",
        "Perseroan Terbatas Terbuka",
        "Persero",
        "PT Persero",
      ],
    ],
    ["CV", ["CV", "Persekutuan Komanditer", "Perseroan Komanditer", "Commanditaire Vennootschap", "Komanditer"]],
    ["FIRMA", ["Firma", "Persekutuan Firma", "Fa", "Firm"]],
    [
      "PERSEKUTUAN_PERDATA",
      ["Persekutuan Perdata", "Perdata", "Maatschap", "Persekutuan Perdata (Maatschap)", "Burgerlijke Maatschap"],
    ],
  ],
  "Jenis entitas tidak dikenali (gunakan PT, CV, Firma atau Persekutuan Perdata)",
);

const NAME = column(
  K.name,
  "Nama Entitas",
  ["Nama", "Nama Perusahaan", "Nama Badan Usaha", "Nama BU", "Nama Korporasi", "Nama Perseroan", "Entitas"],
  { required: true },
);

const readRegion = regionReader({
  provinceName: K.provinceName,
  regencyName: K.regencyName,
  districtName: K.districtName,
  villageName: K.villageName,
});

const AHU_FORMS: ReadonlySet<string> = new Set(LEGAL_FORMS);

/** The Jenis Entitas cell when there is one, else the legal form the name is written with. */
function readLegalForm(raw: string | undefined, name: string, ctx: NormalizeContext, warnings: RowIssue[]): LegalForm | null {
  if (cleanText(raw) !== null) return optional(parseLegalForm(raw), ctx, K.legalForm, raw, warnings);
  const fromName = parseBusinessName(name).legalForm;
  if (fromName !== null && AHU_FORMS.has(fromName)) return fromName as LegalForm;
  warnings.push(rowIssue(ctx, K.legalForm, raw, "Jenis entitas kosong dan tidak terbaca dari nama (PT, CV, Firma atau Persekutuan Perdata)"));
  return null;
}

function officersOf(raw: string | undefined): { officers?: string } {
  const officers = parseOfficerCell(raw);
  return officers.length > 0 ? { officers: formatOfficerCell(officers) } : {};
}

export const ahuEntitas: SourceDefinition = {
  id: "ahu-entitas",
  usesRegions: true,
  columns: Object.freeze([
    NAME,
    column(
      K.legalForm,
      "Jenis Entitas",
      [
        "Jenis",
        "Jenis Badan Usaha",
        "Jenis Korporasi",
        "Tipe Entitas",
        "Bentuk Usaha",
        "Bentuk Badan Usaha",
        "Bentuk Hukum",
      ],
    ),
    column(K.npwp, "Nomor Pokok Wajib Pajak (NPWP)", [
      ...NPWP_ALIASES,
      "npwp_entitas",
      "npwp_perusahaan",
      "npwp_badan_usaha",
      "npwp_korporasi",
    ]),
    column(K.provinceName, "Provinsi", REGION_NAME_ALIASES.province.filter((alias) => alias !== "Provinsi")),
    column(K.regencyName, "Kabupaten/Kota", REGION_NAME_ALIASES.regency.filter((alias) => alias !== "Kabupaten/Kota")),
    column(K.districtName, "Kecamatan", REGION_NAME_ALIASES.district.filter((alias) => alias !== "Kecamatan")),
    column(K.villageName, "Kelurahan", REGION_NAME_ALIASES.village.filter((alias) => alias !== "Kelurahan")),
    column(K.address, "Alamat Lengkap", ["Alamat", "Alamat Entitas", "Alamat Perusahaan", "Alamat Domisili", "address"]),
    column(K.phone, "Nomor Telepon Perusahaan", [...PHONE_ALIASES, "telepon_perusahaan", "telepon_kantor"]),
    column(K.businessType, "Jenis Usaha (KBLI)", [
      "Jenis Usaha",
      "KBLI",
      "kode_kbli",
      "Bidang Usaha",
      "Kegiatan Usaha",
      "Klasifikasi Baku Lapangan Usaha Indonesia",
    ]),
    column(
      K.officers,
      "Pengurus dan Sekutu",
      ["Pengurus", "Pengurus/Sekutu", "Pengurus & Sekutu", "Nama Pengurus dan Sekutu", "Daftar Pengurus", "Sekutu", "Pengurus dan Pemegang Saham"],
      { personal: true },
    ),
  ]),
  normalize(values, ctx) {
    const identified = identifyByName(values, ctx, NAME, K.npwp);
    if (!identified.ok) return identified;
    const { warnings } = identified;
    const region = readRegion(values, ctx, warnings);
    const businessType = readKbli(values[K.businessType]);
    return {
      ok: true,
      warnings,
      record: record(
        {
          name: identified.name,
          legalForm: readLegalForm(values[K.legalForm], identified.name, ctx, warnings),
          address: cleanText(values[K.address]),
          phone: readOptional(parsePhone, values, K.phone, ctx, warnings),
          kbli: optional(businessType.code, ctx, K.businessType, values[K.businessType], warnings),
          extra: { businessActivity: businessType.description, ...officersOf(values[K.officers]) },
        },
        identified.npwp,
        region,
      ),
    };
  },
};
