import "server-only";
import { parseBusinessScale } from "@/lib/identifiers/business-scale.ts";
import { parseEmail } from "@/lib/identifiers/email.ts";
import { parseNib } from "@/lib/identifiers/nib.ts";
import { parsePhone } from "@/lib/identifiers/phone.ts";
import { parsePostcode } from "@/lib/identifiers/postcode.ts";
import { parseWorkerCount } from "@/lib/identifiers/worker-count.ts";
import type { ColumnSpec, NormalizeContext, RowOutcome, StoredRecordFields } from "@/server/ingest/types.ts";
import {
  CELLS,
  cleanText,
  column,
  identifyByName,
  MASKS,
  optional,
  partnerCode,
  readKbli,
  readOptional,
  record,
  regionReader,
  type Values,
} from "./row-helpers.ts";

/**
 * What the two business registries share: Kemnaker's WLKP list (Lampiran I.1) and BPJS's own
 * registry (Lampiran II.1) list the same fields in the same order, worded for their owner
 * ("Pemberi Kerja" vs "Badan Usaha"). Each accepts the other's wording as an alias, so a file
 * laid out like either agreement is read by both sources.
 */

/** Canonical keys of the shared business columns. */
export const BUSINESS_KEYS = {
  nib: "nib",
  npwp: "npwp",
  kodeBadanUsaha: "kode_badan_usaha",
  contactName: "nama_kontak",
  contactPhone: "nomor_hp_kontak",
  address: "alamat",
  villageCode: "kode_kelurahan",
  villageName: "nama_kelurahan",
  districtCode: "kode_kecamatan",
  districtName: "nama_kecamatan",
  regencyCode: "kode_kabupaten",
  regencyName: "nama_kabupaten",
  provinceCode: "kode_provinsi",
  provinceName: "nama_provinsi",
  postcode: "kode_pos",
  phone: "nomor_telepon",
  email: "email",
  workerCount: "jumlah_pekerja",
  businessScale: "skala_usaha",
  kbli: "kbli",
} as const;

const K = BUSINESS_KEYS;

export const NPWP_ALIASES = [
  "NPWP",
  "Nomor Pokok Wajib Pajak",
  "No NPWP",
  "Nomor NPWP",
  "npwp15",
  "npwp16",
] as const;

export const NIK_ALIASES = [
  "NIK",
  "Nomor Induk Kependudukan",
  "Nomor Induk Kependudukan/NIK",
  "No NIK",
  "Nomor NIK",
  "No KTP",
  "Nomor KTP",
  "KTP",
] as const;

/** Kemnaker's own employer key, as the WLKP list (I.1) and the worker list (I.2) name it. */
export const KODE_WLKP_ALIASES = [
  "kode_pendaftaran",
  "kode_pendaftaran_wlkp",
  "nomor_pendaftaran_wlkp",
  "nomor_wlkp",
  "no_wlkp",
  "wlkp",
] as const;

export const EMAIL_ALIASES = ["email", "e-mail", "Alamat Email", "alamat_surel", "surel"] as const;

export const PHONE_ALIASES = ["Nomor Telepon", "telepon", "telp", "no_telp", "no_telepon", "nomor_telp", "phone"] as const;

/** Name-only region columns, as AHU sends them. */
export const REGION_NAME_ALIASES = {
  province: ["Provinsi", "Nama Provinsi", "nama_prov", "prov", "propinsi", "nama_propinsi"],
  regency: [
    "Kabupaten/Kota",
    "Nama Kabupaten",
    "Nama Kabupaten/Kota",
    "nama_kab",
    "nama_kota",
    "nama_kab_kota",
    "kabupaten",
    "kota",
    "kab_kota",
    "kota_kabupaten",
  ],
  district: ["Kecamatan", "Nama Kecamatan", "nama_kec", "kec"],
  village: [
    "Kelurahan",
    "Nama Kelurahan",
    "Kelurahan/Desa",
    "Desa/Kelurahan",
    "Desa",
    "nama_desa",
    "nama_kel",
    "nama_kelurahan_desa",
    "kel",
  ],
} as const;

/** Wording of the columns that differ between the two agreements. */
export interface BusinessWording {
  nib: string;
  npwp: string;
  kodeBadanUsaha: string;
  contactName: string;
  contactPhone: string;
  address: string;
  phone: string;
  email: string;
}

export const KEMNAKER_WORDING: BusinessWording = {
  nib: "Nomor Induk Berusaha (NIB)",
  npwp: "Nomor Pokok Wajib Pajak (NPWP)",
  kodeBadanUsaha: "Kode Badan Usaha",
  contactName: "Nama Kontak/Nama Lengkap Petugas Administrasi Pemberi Kerja",
  contactPhone: "Nomor Kontak/Nomor Handphone Admin Pemberi Kerja",
  address: "Alamat",
  phone: "Nomor Telepon Pemberi Kerja",
  email: "Alamat Email Pemberi Kerja",
};

export const BPJS_WORDING: BusinessWording = {
  nib: "Nomor Induk Berusaha (NIB)",
  npwp: "Nomor Pokok Wajib Pajak (NPWP)",
  kodeBadanUsaha: "Kode Badan Usaha",
  contactName: "Nama Lengkap Petugas Administrasi BU",
  contactPhone: "Nomor Kontak/Nomor Handphone Admin BU",
  address: "Alamat Badan Usaha",
  phone: "Nomor Telepon Badan Usaha",
  email: "Alamat Email Badan Usaha",
};

/** The label of `field` in the other agreement, as an alias (none when both say the same). */
function otherWording(own: BusinessWording, field: keyof BusinessWording): string[] {
  const other = own === KEMNAKER_WORDING ? BPJS_WORDING : KEMNAKER_WORDING;
  return other[field] === own[field] ? [] : [other[field]];
}

/** The shared columns before the name (NIB, NPWP, Kode Badan Usaha), in agreement order. */
export function identifierColumns(wording: BusinessWording): {
  nib: ColumnSpec;
  npwp: ColumnSpec;
  kodeBadanUsaha: ColumnSpec;
} {
  return {
    nib: column(K.nib, wording.nib, ["NIB", "Nomor Induk Berusaha", "No NIB", "Nomor NIB", "nib_perusahaan", "nib_bu"], { cell: CELLS.field("nib") }),
    npwp: column(
      K.npwp,
      wording.npwp,
      [...NPWP_ALIASES, "npwp_bu", "npwp_badan_usaha", "npwp_perusahaan", "npwp_pemberi_kerja"],
      { required: true, cell: CELLS.field("npwp") },
    ),
    kodeBadanUsaha: column(K.kodeBadanUsaha, wording.kodeBadanUsaha, ["kode_bu", "kd_bu", "kode_perusahaan"], {
      cell: CELLS.field("kodeBadanUsaha"),
    }),
  };
}

/** Contact person, address, region codes and names, postcode, phone, email: agreement order. */
export function contactAndRegionColumns(wording: BusinessWording): ColumnSpec[] {
  return [
    column(
      K.contactName,
      wording.contactName,
      [
        ...otherWording(wording, "contactName"),
        "Nama Kontak",
        "Nama Lengkap Petugas Administrasi Pemberi Kerja",
        "Nama Lengkap Petugas Administrasi Badan Usaha",
        "Nama Lengkap Petugas Administrasi",
        "Nama Petugas Administrasi",
        "nama_petugas",
        "nama_admin",
        "nama_pic",
        "pic",
        "contact_name",
      ],
      { personal: true, cell: CELLS.extra("contactName") },
    ),
    column(
      K.contactPhone,
      wording.contactPhone,
      [
        ...otherWording(wording, "contactPhone"),
        "Nomor Kontak",
        "Nomor Handphone Admin",
        "Nomor Handphone Petugas Administrasi Pemberi Kerja",
        "Nomor Handphone Petugas Administrasi Badan Usaha",
        "Nomor HP Admin",
        "Nomor HP Kontak",
        "Nomor HP PIC",
        "no_hp_admin",
        "hp_admin",
        "hp_pic",
        "hp_kontak",
        "no_kontak",
        "nomor_hp",
        "no_hp",
        "hp",
        "nomor_handphone",
        "no_handphone",
        "handphone",
      ],
      { personal: true, cell: CELLS.phone(CELLS.extra("contactPhone")) },
    ),
    column(
      K.address,
      wording.address,
      [...otherWording(wording, "address"), "Alamat Pemberi Kerja", "Alamat Perusahaan", "Alamat BU", "Alamat Lengkap", "address"],
      { cell: CELLS.field("address") },
    ),
    column(K.villageCode, "Kode Kelurahan", [
      "kode_kel",
      "kd_kel",
      "kode_desa",
      "kode_kelurahan_desa",
      "kode_desa_kelurahan",
      "kode_kel_desa",
    ], { cell: CELLS.field("villageCode") }),
    column(K.villageName, "Nama Kelurahan", REGION_NAME_ALIASES.village.filter((alias) => alias !== "Nama Kelurahan")),
    column(K.districtCode, "Kode Kecamatan", ["kode_kec", "kd_kec"], { cell: CELLS.field("districtCode") }),
    column(K.districtName, "Nama Kecamatan", REGION_NAME_ALIASES.district.filter((alias) => alias !== "Nama Kecamatan")),
    column(K.regencyCode, "Kode Kabupaten", [
      "kode_kab",
      "kd_kab",
      "kode_kota",
      "kode_kabupaten_kota",
      "kode_kab_kota",
      "kode_kabkota",
    ], { cell: CELLS.field("regencyCode") }),
    column(K.regencyName, "Nama Kabupaten", REGION_NAME_ALIASES.regency.filter((alias) => alias !== "Nama Kabupaten")),
    column(K.provinceCode, "Kode Provinsi", ["kode_prov", "kd_prov", "kode_propinsi"], { cell: CELLS.field("provinceCode") }),
    column(K.provinceName, "Nama Provinsi", REGION_NAME_ALIASES.province.filter((alias) => alias !== "Nama Provinsi")),
    column(K.postcode, "Kode Pos", ["kodepos", "kd_pos", "postcode", "postal_code"], { cell: CELLS.field("postcode") }),
    column(K.phone, wording.phone, [
      ...otherWording(wording, "phone"),
      ...PHONE_ALIASES,
      "Nomor Telepon Perusahaan",
      "telepon_perusahaan",
      "telepon_kantor",
      "no_telp_kantor",
    ], { cell: CELLS.phone(CELLS.field("phone")) }),
    column(K.email, wording.email, [
      ...otherWording(wording, "email"),
      ...EMAIL_ALIASES,
      "email_perusahaan",
      "email_bu",
      "email_pemberi_kerja",
    ], { cell: CELLS.field("email") }),
  ];
}

/**
 * Jumlah Pekerja, Skala Usaha: field 20–21 of Lampiran I.1 and 19–20 of II.1, worded alike. Kemnaker
 * means the workforce it was told of, BPJS the workers registered in JKN (see `BusinessRowKeys`).
 */
export function sizeColumns(): ColumnSpec[] {
  return [
    column(K.workerCount, "Jumlah Pekerja", [
      "jml_pekerja",
      "jumlah_tenaga_kerja",
      "jumlah_tk",
      "jml_tk",
      "jumlah_karyawan",
      "jml_karyawan",
      "total_pekerja",
    ], { cell: workerCountCell }),
    column(K.businessScale, "Skala Usaha", ["skala", "skala_bu", "skala_perusahaan"]),
  ];
}

/** Kemnaker's Jumlah Pekerja is `workerCount`; BPJS's is `extra.registeredWorkers`. */
const registeredWorkersCell = CELLS.extra("registeredWorkers");
function workerCountCell(r: StoredRecordFields): string {
  return r.workerCount === null ? registeredWorkersCell(r) : String(r.workerCount);
}

/** KBLI: not in the agreements, but WLKP records carry it and it sharpens matching. */
export function kbliColumn(): ColumnSpec {
  return column(K.kbli, "KBLI", ["kode_kbli", "kbli_2020", "kbli_utama", "Klasifikasi Baku Lapangan Usaha Indonesia"], {
    cell: CELLS.field("kbli"),
  });
}

const readKodeBadanUsaha = partnerCode("Kode Badan Usaha");
const readKodeWlkp = partnerCode("Kode Pendaftaran WLKP");

const readRegion = regionReader({
  provinceCode: K.provinceCode,
  provinceName: K.provinceName,
  regencyCode: K.regencyCode,
  regencyName: K.regencyName,
  districtCode: K.districtCode,
  districtName: K.districtName,
  villageCode: K.villageCode,
  villageName: K.villageName,
});

/**
 * Where a registry's own fields are read from: Kode Pendaftaran WLKP exists only in Kemnaker's
 * list; Jumlah Pekerja is the workforce (`workerCount`) only there — in BPJS's registry the same
 * field counts the workers registered in JKN, which that source reads itself (null: not read).
 */
export interface BusinessRowKeys {
  kodeWlkp: string | null;
  workerCount: string | null;
}

/**
 * One business row of either registry. The name identifies the row: without it the row is
 * rejected (an invalid NPWP is then reported alongside). Every other field is optional: an
 * invalid value is dropped with a warning. `extra`: contactName, contactPhone (E.164),
 * businessActivity (the KBLI cell's text when it is a description rather than only a code).
 */
export function normalizeBusinessRow(
  values: Values,
  ctx: NormalizeContext,
  nameColumn: ColumnSpec,
  keys: BusinessRowKeys,
): RowOutcome {
  const identified = identifyByName(values, ctx, nameColumn, K.npwp);
  if (!identified.ok) return identified;
  const { warnings } = identified;
  const region = readRegion(values, ctx, warnings);
  const kbli = readKbli(values[K.kbli]);
  return {
    ok: true,
    warnings,
    record: record(
      {
        name: identified.name,
        nib: readOptional(parseNib, values, K.nib, ctx, warnings),
        kodeWlkp: keys.kodeWlkp === null ? null : readOptional(readKodeWlkp, values, keys.kodeWlkp, ctx, warnings),
        kodeBadanUsaha: readOptional(readKodeBadanUsaha, values, K.kodeBadanUsaha, ctx, warnings),
        address: cleanText(values[K.address]),
        postcode: readOptional(parsePostcode, values, K.postcode, ctx, warnings),
        phone: readOptional(parsePhone, values, K.phone, ctx, warnings),
        email: readOptional(parseEmail, values, K.email, ctx, warnings),
        workerCount: keys.workerCount === null ? null : readOptional(parseWorkerCount, values, keys.workerCount, ctx, warnings),
        businessScale: readOptional(parseBusinessScale, values, K.businessScale, ctx, warnings),
        kbli: optional(kbli.code, ctx, K.kbli, values[K.kbli], warnings),
        extra: {
          contactName: cleanText(values[K.contactName]),
          contactPhone: readOptional(parsePhone, values, K.contactPhone, ctx, warnings, MASKS.phone),
          businessActivity: kbli.description,
        },
      },
      identified.npwp,
      region,
    ),
  };
}
