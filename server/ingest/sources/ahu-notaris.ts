import "server-only";
import { parseEmail } from "@/lib/identifiers/email.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import { parsePhone } from "@/lib/identifiers/phone.ts";
import type { RowIssue, SourceDefinition } from "@/server/ingest/types.ts";
import { EMAIL_ALIASES, NIK_ALIASES, NPWP_ALIASES, PHONE_ALIASES, REGION_NAME_ALIASES } from "./business-row.ts";
import { cleanText, column, MASKS, readNpwp, readOptional, record, regionReader, rowIssue } from "./row-helpers.ts";

/**
 * `ahu-notaris`: notaries, PKS BPJS Kesehatan–AHU 2023, Pasal 4(1)b: NIK, NPWP and the domicile of
 * the notary's work area (province and regency/city NAMES, full address, telephone, email). A
 * notary is a person: the NIK identifies the row, so a row without a valid NIK is rejected
 * (required column). The name is not in the agreement; taken when sent. NIK, name, NPWP (usually
 * the NIK itself), telephone and email are personal data.
 *
 * Record: nik, name, npwp (+ npwpIsNik), provinceCode/regencyCode + regionMatch (from names),
 * address, phone (E.164), email. `extra`: none.
 */

export const AHU_NOTARIS_KEYS = {
  nik: "nik",
  name: "nama",
  npwp: "npwp",
  provinceName: "nama_provinsi",
  regencyName: "nama_kabupaten",
  address: "alamat",
  phone: "nomor_telepon",
  email: "email",
} as const;

const K = AHU_NOTARIS_KEYS;

const readRegion = regionReader({ provinceName: K.provinceName, regencyName: K.regencyName });

export const ahuNotaris: SourceDefinition = {
  id: "ahu-notaris",
  usesRegions: true,
  columns: Object.freeze([
    column(K.nik, "Nomor Induk Kependudukan (NIK)", [...NIK_ALIASES, "nik_notaris"], { required: true, personal: true }),
    column(K.name, "Nama Notaris", ["Nama", "Nama Lengkap", "Notaris"], { personal: true }),
    column(K.npwp, "Nomor Pokok Wajib Pajak (NPWP)", [...NPWP_ALIASES, "npwp_notaris"], { personal: true }),
    column(K.provinceName, "Provinsi", [
      ...REGION_NAME_ALIASES.province.filter((alias) => alias !== "Provinsi"),
      "Provinsi Wilayah Kerja",
    ]),
    column(K.regencyName, "Kabupaten/Kota", [
      ...REGION_NAME_ALIASES.regency.filter((alias) => alias !== "Kabupaten/Kota"),
      "Kabupaten/Kota Wilayah Kerja",
    ]),
    column(K.address, "Alamat Lengkap", ["Alamat", "Alamat Kantor", "Alamat Wilayah Kerja", "address"]),
    column(
      K.phone,
      "Nomor Telepon",
      [...PHONE_ALIASES.filter((alias) => alias !== "Nomor Telepon"), "Telepon Kantor", "Nomor HP", "no_hp", "hp"],
      { personal: true },
    ),
    column(K.email, "Alamat Email", EMAIL_ALIASES.filter((alias) => alias !== "Alamat Email"), { personal: true }),
  ]),
  normalize(values, ctx) {
    const nikRaw = values[K.nik];
    const nik = parseNik(nikRaw);
    if (nik.kind !== "ok") {
      const reason =
        nik.kind === "empty" ? "NIK notaris kosong: NIK adalah identitas baris" : `NIK notaris tidak valid: ${nik.reason}`;
      return { ok: false, issues: [rowIssue(ctx, K.nik, nikRaw, reason, MASKS.nik)] };
    }
    const warnings: RowIssue[] = [];
    const npwp = readNpwp(values, ctx, K.npwp, warnings, true);
    const region = readRegion(values, ctx, warnings);
    return {
      ok: true,
      warnings,
      record: record(
        {
          name: cleanText(values[K.name]),
          nik: nik.value,
          address: cleanText(values[K.address]),
          phone: readOptional(parsePhone, values, K.phone, ctx, warnings, MASKS.phone),
          email: readOptional(parseEmail, values, K.email, ctx, warnings, MASKS.email),
        },
        npwp,
        region,
      ),
    };
  },
};
