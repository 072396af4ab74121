import "server-only";
import { parseEmail } from "@/lib/identifiers/email.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import { parseNpwp } from "@/lib/identifiers/npwp.ts";
import { parsePhone } from "@/lib/identifiers/phone.ts";
import type { RowIssue, SourceDefinition } from "@/server/ingest/types.ts";
import { EMAIL_ALIASES, NIK_ALIASES } from "./business-row.ts";
import { cleanText, column, MASKS, npwpIssue, readOptional, record, rowIssue, vocabulary } from "./row-helpers.ts";

/**
 * `ahu-pengurus`: officers and partners (pengurus dan sekutu) of the AHU entities, with their
 * email and mobile number — PKS BPJS Kesehatan–AHU 2023, Pasal 4(1)a angka 6–7. Each row links to
 * its entity by the entity's NPWP. Required columns: NPWP Entitas, Nama. A row is rejected when
 * the name is empty, or when the entity NPWP is empty or invalid (the officer could not be linked
 * to any entity). Names, email, mobile number and NIK are personal data.
 *
 * Record: name (the officer), npwp (+ npwpIsNik) = the ENTITY's NPWP, nik (optional), email,
 * phone (E.164). Business fields stay null.
 *
 * `extra`:
 * - `position`: Jabatan, normalized — the usual titles to one spelling ("DIREKTUR UTAMA",
 *   "DIREKTUR", "KOMISARIS UTAMA", "KOMISARIS", "SEKUTU AKTIF" (komplementer), "SEKUTU PASIF"
 *   (komanditer), "SEKUTU", "PESERO", "PEMEGANG SAHAM", "PENGURUS"); anything else uppercased with
 *   spaces collapsed; null when empty.
 * - `entityName`: Nama Entitas when the file carries it (spaces collapsed), else null.
 */

export const AHU_PENGURUS_KEYS = {
  npwp: "npwp_entitas",
  entityName: "nama_entitas",
  name: "nama",
  position: "jabatan",
  email: "email",
  phone: "nomor_hp",
  nik: "nik",
} as const;

const K = AHU_PENGURUS_KEYS;

/** Canonical titles for the positions AHU records for PT, CV, Firma and Persekutuan Perdata. */
const knownPosition = vocabulary<string>(
  [
    ["DIREKTUR UTAMA", ["Direktur Utama", "Dirut", "Presiden Direktur", "Presdir"]],
    ["DIREKTUR", ["Direktur", "Direksi", "Anggota Direksi"]],
    ["KOMISARIS UTAMA", ["Komisaris Utama", "Presiden Komisaris"]],
    ["KOMISARIS", ["Komisaris", "Anggota Komisaris", "Anggota Dewan Komisaris"]],
    [
      "SEKUTU AKTIF",
      ["Sekutu Aktif", "Sekutu Komplementer", "Sekutu Aktif/Komplementer", "Komplementer", "Pesero Aktif", "Pesero Pengurus"],
    ],
    [
      "SEKUTU PASIF",
      [
        "Sekutu Pasif",
        "Sekutu Komanditer",
        "Sekutu Pasif/Komanditer",
        "Komanditer",
        "Sekutu Diam",
        "Pesero Pasif",
        "Pesero Komanditer",
        "Pesero Diam",
      ],
    ],
    ["SEKUTU", ["Sekutu", "Anggota Sekutu", "Sekutu Firma"]],
    ["PESERO", ["Pesero"]],
    ["PEMEGANG SAHAM", ["Pemegang Saham", "Pemilik Saham"]],
    ["PENGURUS", ["Pengurus"]],
  ],
  "",
);

/** A known title in its canonical spelling; any other text uppercased with spaces collapsed. */
export function normalizePosition(raw: string | undefined): string | null {
  const known = knownPosition(raw);
  if (known.kind === "ok") return known.value;
  const text = cleanText(raw);
  return text === null ? null : text.toUpperCase();
}

export const ahuPengurus: SourceDefinition = {
  id: "ahu-pengurus",
  usesRegions: false,
  columns: Object.freeze([
    column(
      K.npwp,
      "NPWP Entitas",
      [
        "NPWP",
        "Nomor Pokok Wajib Pajak",
        "Nomor Pokok Wajib Pajak Entitas",
        "NPWP Perusahaan",
        "NPWP Badan Usaha",
        "NPWP Korporasi",
        "NPWP BU",
      ],
      { required: true },
    ),
    column(K.entityName, "Nama Entitas", ["Nama Perusahaan", "Nama Badan Usaha", "Nama Korporasi"]),
    column(
      K.name,
      "Nama Pengurus/Sekutu",
      ["Nama Pengurus", "Nama Sekutu", "Nama Lengkap", "Pengurus", "Nama Pejabat"],
      { required: true, personal: true },
    ),
    column(K.position, "Jabatan", ["Posisi", "Jabatan Pengurus", "Kedudukan", "Peran"]),
    column(K.email, "Alamat Email", [...EMAIL_ALIASES.filter((alias) => alias !== "Alamat Email"), "email_pengurus"], {
      personal: true,
    }),
    column(
      K.phone,
      "Nomor Handphone",
      [
        "Nomor HP",
        "no_hp",
        "hp",
        "handphone",
        "no_handphone",
        "Nomor Ponsel",
        "ponsel",
        "Nomor Telepon",
        "telepon",
        "no_telp",
        "Nomor Handphone Pengurus",
      ],
      { personal: true },
    ),
    column(K.nik, "Nomor Induk Kependudukan (NIK)", [...NIK_ALIASES, "nik_pengurus"], { personal: true }),
  ]),
  normalize(values, ctx) {
    const nameRaw = values[K.name];
    const name = cleanText(nameRaw);
    const npwpRaw = values[K.npwp];
    const npwp = parseNpwp(npwpRaw);
    if (name === null || npwp.kind !== "ok") {
      const issues: RowIssue[] = [];
      if (name === null) {
        issues.push(rowIssue(ctx, K.name, nameRaw, "Nama pengurus/sekutu kosong: baris tanpa nama tidak dapat dikenali", MASKS.text));
      }
      if (npwp.kind === "invalid") {
        const issue = npwpIssue(ctx, K.npwp, npwpRaw, npwp, false);
        issues.push({ ...issue, reason: `${issue.reason}; pengurus tidak dapat dikaitkan dengan entitasnya` });
      } else if (npwp.kind === "empty") {
        issues.push(rowIssue(ctx, K.npwp, npwpRaw, "NPWP entitas kosong: pengurus tidak dapat dikaitkan dengan entitasnya"));
      }
      return { ok: false, issues };
    }
    const warnings: RowIssue[] = [];
    return {
      ok: true,
      warnings,
      record: record(
        {
          name,
          nik: readOptional(parseNik, values, K.nik, ctx, warnings, MASKS.nik),
          phone: readOptional(parsePhone, values, K.phone, ctx, warnings, MASKS.phone),
          email: readOptional(parseEmail, values, K.email, ctx, warnings, MASKS.email),
          extra: { position: normalizePosition(values[K.position]), entityName: cleanText(values[K.entityName]) },
        },
        { npwp: npwp.value, npwpIsNik: npwp.isNik },
      ),
    };
  },
};
