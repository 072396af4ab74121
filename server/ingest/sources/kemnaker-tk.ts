import "server-only";
import { currentYear } from "@/lib/current-year.ts";
import { calendarDateParser } from "@/lib/identifiers/calendar-date.ts";
import { parseNib } from "@/lib/identifiers/nib.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import type { RowIssue, SourceDefinition } from "@/server/ingest/types.ts";
import { KODE_WLKP_ALIASES, NIK_ALIASES, NPWP_ALIASES } from "./business-row.ts";
import {
  CELLS,
  cleanText,
  column,
  documentNumber,
  MASKS,
  partnerCode,
  readNpwp,
  readOptional,
  record,
  rowIssue,
  vocabulary,
} from "./row-helpers.ts";

/**
 * `kemnaker-tk`: Kemnaker's workers (Tenaga Kerja), PKS Kemnaker–BPJS Kesehatan 2025,
 * Lampiran I.2. The signed text lists no columns for I.2; until the technical minutes fix them,
 * these are the thirteen agreed with the other worker-level parts of Jangkau. Required column:
 * NIK. NIK, name, birth date, passport and KITAS are personal data.
 *
 * A row is rejected without an identity — a valid NIK, or for a foreigner (WNA) a valid passport
 * or KITAS — or without a valid employer key (Kode Pendaftaran WLKP, NPWP or NIB of the employer).
 * An invalid identifier next to a valid one is a warning. A row marked WNI is identified by its
 * NIK only: BPJS knows Indonesians by NIK, so a passport would never find the participant.
 *
 * Record: nik, name (the worker's), and the EMPLOYER's kodeWlkp, npwp (+ npwpIsNik) and nib;
 * no region (the employer's business has it).
 *
 * `extra`:
 * - `gender`: "L" | "P" (L/P, Laki-laki/Perempuan, Pria/Wanita, M/F), null when empty or unknown.
 * - `birthDate`: "yyyy-mm-dd" (personal data), null when empty or unreadable.
 * - `citizenship`: "WNI" | "WNA", null when empty or unknown.
 * - `passportNumber`, `kitas`: uppercased, spaces removed (personal data).
 * - `position`: Jabatan; `employmentStatus`: Status Hubungan Kerja (PKWT, PKWTT, … as written).
 * - `startDate`: Tanggal Mulai Bekerja, "yyyy-mm-dd".
 */

export const KEMNAKER_TK_KEYS = {
  nik: "nik",
  name: "nama",
  gender: "jenis_kelamin",
  birthDate: "tanggal_lahir",
  citizenship: "kewarganegaraan",
  passportNumber: "nomor_paspor",
  kitas: "kitas",
  kodeWlkp: "kode_wlkp",
  npwp: "npwp",
  nib: "nib",
  position: "jabatan",
  employmentStatus: "status_hubungan_kerja",
  startDate: "tanggal_mulai_bekerja",
} as const;

const K = KEMNAKER_TK_KEYS;

const parseGender = vocabulary<"L" | "P">(
  [
    ["L", ["L", "Laki-laki", "Laki laki", "Laki", "Pria", "M", "Male"]],
    ["P", ["P", "Perempuan", "Wanita", "W", "F", "Female"]],
  ],
  "Jenis kelamin tidak dikenali (gunakan L atau P)",
);

const parseCitizenship = vocabulary<"WNI" | "WNA">(
  [
    ["WNI", ["WNI", "Indonesia", "Warga Negara Indonesia", "Indonesian", "IDN"]],
    ["WNA", ["WNA", "Asing", "Warga Negara Asing", "Foreign", "Foreigner", "TKA", "Tenaga Kerja Asing"]],
  ],
  "Kewarganegaraan tidak dikenali (gunakan WNI atau WNA)",
);

const parseBirthDate = calendarDateParser("Tanggal lahir", currentYear);
// A start agreed for the coming months is already reported.
const parseStartDate = calendarDateParser("Tanggal mulai bekerja", () => currentYear() + 1);
const readPassport = documentNumber("Nomor paspor");
const readKitas = documentNumber("Nomor KITAS");
const readKodeWlkp = partnerCode("Kode Pendaftaran WLKP");

const NO_IDENTITY = "Identitas tenaga kerja kosong: isi NIK, atau Nomor Paspor/KITAS untuk tenaga kerja asing (WNA)";
const WNI_NEEDS_NIK = "Tenaga kerja WNI dikenali dari NIK yang valid; Nomor Paspor/KITAS hanya untuk tenaga kerja asing (WNA)";
const NO_EMPLOYER = "Pemberi kerja tidak dikenali: isi Kode Pendaftaran WLKP, NPWP Pemberi Kerja atau NIB Pemberi Kerja";

export const kemnakerTk: SourceDefinition = {
  id: "kemnaker-tk",
  usesRegions: false,
  columns: Object.freeze([
    column(K.nik, "NIK", [...NIK_ALIASES, "NIK Pekerja", "NIK Tenaga Kerja", "NIK TK", "nik_tk"], {
      required: true,
      personal: true,
      cell: CELLS.field("nik"),
    }),
    column(K.name, "Nama Tenaga Kerja", ["Nama Pekerja", "Nama", "Nama Lengkap", "Nama TK", "Nama Karyawan", "nama_tk"], {
      personal: true,
      cell: CELLS.field("name"),
    }),
    column(K.gender, "Jenis Kelamin", ["Gender", "L/P", "JK", "Kelamin", "Sex", "jns_kelamin"], { cell: CELLS.extra("gender") }),
    column(K.birthDate, "Tanggal Lahir", ["Tgl Lahir", "Tanggal Kelahiran", "tgl_lahir", "Date of Birth", "DOB"], {
      personal: true,
      cell: CELLS.extra("birthDate"),
    }),
    column(K.citizenship, "Kewarganegaraan", ["Warga Negara", "WN", "WNI/WNA", "Status Kewarganegaraan", "Kebangsaan", "Nationality"], {
      cell: CELLS.extra("citizenship"),
    }),
    column(
      K.passportNumber,
      "Nomor Paspor",
      ["Paspor", "No Paspor", "Passport", "Passport Number", "Nomor Passport", "No Passport"],
      { personal: true, cell: CELLS.extra("passportNumber") },
    ),
    column(K.kitas, "KITAS", ["Kartu Izin Tinggal Terbatas", "Kartu Izin Tinggal Terbatas/KITAS", "No KITAS", "Nomor KITAS"], {
      personal: true,
      cell: CELLS.extra("kitas"),
    }),
    column(K.kodeWlkp, "Kode Pendaftaran WLKP", [...KODE_WLKP_ALIASES, "Kode WLKP", "Kode WLKP Perusahaan", "Kode WLKP Pemberi Kerja"], {
      cell: CELLS.field("kodeWlkp"),
    }),
    column(K.npwp, "NPWP Pemberi Kerja", [...NPWP_ALIASES, "NPWP Perusahaan", "NPWP Badan Usaha", "NPWP BU"], { cell: CELLS.field("npwp") }),
    column(K.nib, "NIB Pemberi Kerja", ["NIB", "Nomor Induk Berusaha", "No NIB", "Nomor NIB", "NIB Perusahaan", "NIB Badan Usaha", "nib_bu"], {
      cell: CELLS.field("nib"),
    }),
    column(K.position, "Jabatan", ["Posisi", "Jabatan Pekerja", "Nama Jabatan", "position"], { cell: CELLS.extra("position") }),
    column(K.employmentStatus, "Status Hubungan Kerja", [
      "Hubungan Kerja",
      "Jenis Hubungan Kerja",
      "Status Kerja",
      "Status Pekerja",
      "Status Kepegawaian",
      "status_hub_kerja",
    ], { cell: CELLS.extra("employmentStatus") }),
    column(K.startDate, "Tanggal Mulai Bekerja", [
      "TMT Kerja",
      "TMT Bekerja",
      "TMT",
      "Tanggal Masuk",
      "Tanggal Masuk Kerja",
      "Tgl Masuk",
      "Tanggal Mulai Kerja",
      "Tgl Mulai Kerja",
      "Mulai Bekerja",
    ], { cell: CELLS.extra("startDate") }),
  ]),
  normalize(values, ctx) {
    // Identifier problems are the reasons when the row is rejected, warnings when it stands.
    const identityIssues: RowIssue[] = [];
    const nikRaw = values[K.nik];
    const nik = parseNik(nikRaw);
    if (nik.kind === "invalid") identityIssues.push(rowIssue(ctx, K.nik, nikRaw, nik.reason, MASKS.nik));
    const passport = readOptional(readPassport, values, K.passportNumber, ctx, identityIssues, MASKS.document);
    const kitas = readOptional(readKitas, values, K.kitas, ctx, identityIssues, MASKS.document);
    const employerIssues: RowIssue[] = [];
    const kodeWlkp = readOptional(readKodeWlkp, values, K.kodeWlkp, ctx, employerIssues);
    const npwp = readNpwp(values, ctx, K.npwp, employerIssues, false);
    const nib = readOptional(parseNib, values, K.nib, ctx, employerIssues);
    const warnings: RowIssue[] = [];
    const citizenship = readOptional(parseCitizenship, values, K.citizenship, ctx, warnings);

    const foreignDocument = passport !== null || kitas !== null;
    const identified = nik.kind === "ok" || (foreignDocument && citizenship !== "WNI");
    const employed = kodeWlkp !== null || npwp.npwp !== null || nib !== null;
    if (!identified || !employed) {
      const issues: RowIssue[] = [];
      if (!identified) {
        issues.push(...identityIssues);
        if (foreignDocument) issues.push(rowIssue(ctx, K.citizenship, values[K.citizenship], WNI_NEEDS_NIK));
        else if (identityIssues.length === 0) issues.push(rowIssue(ctx, K.nik, nikRaw, NO_IDENTITY, MASKS.nik));
      }
      if (!employed) {
        issues.push(...employerIssues);
        if (employerIssues.length === 0) issues.push(rowIssue(ctx, K.kodeWlkp, values[K.kodeWlkp], NO_EMPLOYER));
      }
      return { ok: false, issues };
    }

    warnings.unshift(...identityIssues);
    warnings.push(...employerIssues);
    return {
      ok: true,
      warnings,
      record: record(
        {
          nik: nik.kind === "ok" ? nik.value : null,
          name: cleanText(values[K.name]),
          kodeWlkp,
          nib,
          extra: {
            gender: readOptional(parseGender, values, K.gender, ctx, warnings),
            birthDate: readOptional(parseBirthDate, values, K.birthDate, ctx, warnings, MASKS.text),
            citizenship,
            passportNumber: passport,
            kitas,
            position: cleanText(values[K.position]),
            employmentStatus: cleanText(values[K.employmentStatus]),
            startDate: readOptional(parseStartDate, values, K.startDate, ctx, warnings),
          },
        },
        npwp,
      ),
    };
  },
};
