import "server-only";
import { parsePhone } from "@/lib/identifiers/phone.ts";
import type { SourceDefinition } from "@/server/ingest/types.ts";
import { NPWP_ALIASES, PHONE_ALIASES, REGION_NAME_ALIASES } from "./business-row.ts";
import {
  cleanText,
  column,
  identifyByName,
  optional,
  readKbli,
  readOptional,
  record,
  regionReader,
  vocabulary,
} from "./row-helpers.ts";

/**
 * `ahu-entitas`: Ditjen AHU's legal entities — PT, CV (persekutuan komanditer), Firma and
 * Persekutuan Perdata — PKS BPJS Kesehatan–AHU 2023, Pasal 4(1)a. Domicile comes as region NAMES
 * only, resolved to codes here. Required columns: Nama Entitas, Jenis Entitas. A row without a
 * name is rejected; an invalid NPWP is a warning.
 *
 * Record: name, legalForm ("PT" | "CV" | "FIRMA" | "PERSEKUTUAN_PERDATA"; null with a warning when
 * the type is not one of these), npwp (+ npwpIsNik), region codes + regionMatch (from names),
 * address, phone (E.164), kbli (when the Jenis Usaha cell holds a code).
 *
 * `extra`:
 * - `businessActivity`: the Jenis Usaha cell's text when it is a description rather than only a
 *   KBLI code ("46100 - Perdagangan besar …" gives kbli 46100 and the description).
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
      { required: true },
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
          legalForm: readOptional(parseLegalForm, values, K.legalForm, ctx, warnings),
          address: cleanText(values[K.address]),
          phone: readOptional(parsePhone, values, K.phone, ctx, warnings),
          kbli: optional(businessType.code, ctx, K.businessType, values[K.businessType], warnings),
          extra: { businessActivity: businessType.description },
        },
        identified.npwp,
        region,
      ),
    };
  },
};
