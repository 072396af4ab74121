import "server-only";
import { currentYear } from "@/lib/current-year.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import { cellText, EMPTY, invalid, type ParseResult } from "@/lib/identifiers/parse-result.ts";
import type { RowIssue, SourceDefinition } from "@/server/ingest/types.ts";
import { NIK_ALIASES, NPWP_ALIASES } from "./business-row.ts";
import {
  CELLS,
  cleanText,
  column,
  documentNumber,
  MASKS,
  partnerCode,
  readNpwp,
  readJknStatuses,
  readOptional,
  record,
  rowIssue,
  vocabulary,
} from "./row-helpers.ts";

/**
 * `bpjs-peserta`: BPJS Kesehatan's participants, PKS Kemnaker–BPJS Kesehatan 2025, Lampiran II.2:
 * NIK, Nomor Paspor, NIORA, KITAS, Segmentasi Kepesertaan JKN, status terdaftar, status aktif,
 * tahun kepesertaan; plus, optional, the participant's name and the employer's NPWP and Kode
 * Badan Usaha (segment PPU BU), which link workers to employers. Required columns: NIK and
 * Segmentasi Kepesertaan JKN. A row is rejected when it has no valid identifier at all (NIK,
 * passport, NIORA or KITAS); an invalid identifier next to a valid one is a warning. NIK,
 * passport, NIORA, KITAS and name are personal data.
 *
 * Record: nik, name, npwp (+ npwpIsNik) and kodeBadanUsaha = the EMPLOYER's; no region.
 *
 * `extra`:
 * - `passportNumber`, `niora`, `kitas`: uppercased, spaces removed (personal data).
 * - `segment`: "PBI_JK" | "PBPU_PEMDA" | "PPU_PN" | "PPU_BU" | "PBPU" | "BP", null when unknown.
 * - `registered`: Status terdaftar JKN — true "sudah", false "belum", null unknown.
 * - `active`: Status aktif — true "aktif", false "tidak aktif", null unknown. A blank status in a
 *   file that has the column is a warning: it stays unknown, never "aktif".
 * - `membershipYear`: Tahun Kepesertaan JKN, a year (a date cell gives its year).
 */

export const BPJS_PESERTA_KEYS = {
  nik: "nik",
  passportNumber: "nomor_paspor",
  niora: "niora",
  kitas: "kitas",
  segment: "segmen",
  registered: "status_terdaftar_jkn",
  active: "status_aktif",
  membershipYear: "tahun_kepesertaan",
  name: "nama",
  npwp: "npwp",
  kodeBadanUsaha: "kode_badan_usaha",
} as const;

const K = BPJS_PESERTA_KEYS;

export const SEGMENTS = ["PBI_JK", "PBPU_PEMDA", "PPU_PN", "PPU_BU", "PBPU", "BP"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** The JKN membership segments and the older names still found in exports. */
const parseSegment = vocabulary<Segment>(
  [
    [
      "PBI_JK",
      [
        "PBI JK",
        "PBI",
        "PBI APBN",
        "PBI JKN",
        "Penerima Bantuan Iuran",
        "Penerima Bantuan Iuran Jaminan Kesehatan",
      ],
    ],
    [
      "PBPU_PEMDA",
      ["PBPU Pemda", "PBPU BP Pemda", "PBPU dan BP Pemda", "PBI APBD", "PBI Daerah", "Pemda", "Jamkesda"],
    ],
    ["PPU_PN", ["PPU PN", "PPU Penyelenggara Negara", "Penyelenggara Negara"]],
    ["PPU_BU", ["PPU BU", "PPU Badan Usaha", "PPU Swasta", "Pekerja Penerima Upah Badan Usaha"]],
    ["PBPU", ["PBPU", "Pekerja Bukan Penerima Upah", "Mandiri", "Peserta Mandiri"]],
    ["BP", ["BP", "Bukan Pekerja"]],
  ],
  "Segmentasi kepesertaan tidak dikenali (gunakan PBI JK, PBPU Pemda, PPU PN, PPU BU, PBPU atau BP)",
);

/** JKN began in 2014, but members carried over from Askes/Jamsostek may carry earlier years. */
const FIRST_YEAR = 1968;
const YEAR_DIGITS = invalid("format", "Tahun kepesertaan harus berupa tahun 4 digit (mis. 2019)");
const YEAR_RANGE = invalid("range", `Tahun kepesertaan di luar rentang yang masuk akal (${FIRST_YEAR} sampai tahun depan)`);

/**
 * `2019`, `2019.0` (a number saved as a decimal), or a date (`2019-03-01`, `01/03/2019`): the one
 * 4-digit run is the year.
 */
export function parseMembershipYear(raw: string | undefined): ParseResult<{ value: number }> {
  const text = cellText(raw);
  if (text.length === 0) return EMPTY;
  if (text.length > 24) return YEAR_DIGITS;
  let year = -1;
  let runs = 0;
  let runLength = 0;
  let runValue = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code >= 48 && code <= 57) {
      runLength++;
      runValue = runValue * 10 + (code - 48);
      continue;
    }
    if (code !== 32 && code !== 45 && code !== 47 && code !== 46) return YEAR_DIGITS;
    if (runLength > 0) {
      runs++;
      if (runLength === 4) {
        if (year >= 0) return YEAR_DIGITS;
        year = runValue;
      } else if (runLength > 4) {
        return YEAR_DIGITS;
      }
    }
    runLength = 0;
    runValue = 0;
  }
  if (year < 0 || runs > 3) return YEAR_DIGITS;
  if (year < FIRST_YEAR || year > currentYear() + 1) return YEAR_RANGE;
  return { kind: "ok", value: year };
}

const readPassport = documentNumber("Nomor paspor");
const readNiora = documentNumber("NIORA");
const readKitas = documentNumber("Nomor KITAS");
const readKodeBadanUsaha = partnerCode("Kode Badan Usaha");

export const bpjsPeserta: SourceDefinition = {
  id: "bpjs-peserta",
  usesRegions: false,
  columns: Object.freeze([
    column(K.nik, "Nomor Induk Kependudukan/NIK", [...NIK_ALIASES, "nik_peserta"], {
      required: true,
      personal: true,
      cell: CELLS.field("nik"),
    }),
    column(K.passportNumber, "Nomor Paspor", ["Paspor", "No Paspor", "Passport", "Passport Number", "Nomor Passport"], {
      personal: true,
      cell: CELLS.extra("passportNumber"),
    }),
    column(K.niora, "Nomor Induk Orang Asing (NIORA)", ["NIORA", "Nomor Induk Orang Asing", "No NIORA"], {
      personal: true,
      cell: CELLS.extra("niora"),
    }),
    column(
      K.kitas,
      "Kartu Izin Tinggal Terbatas/KITAS",
      ["KITAS", "Kartu Izin Tinggal Terbatas", "No KITAS", "Nomor KITAS"],
      { personal: true, cell: CELLS.extra("kitas") },
    ),
    column(
      K.segment,
      "Segmentasi Kepesertaan JKN",
      ["Segmen", "Segmentasi", "Segmen Kepesertaan", "Segmentasi Kepesertaan", "Segmen Peserta", "Jenis Kepesertaan"],
      { required: true, cell: CELLS.extra("segment") },
    ),
    column(K.registered, "Status Terdaftar JKN", ["Status Terdaftar", "Status JKN", "Terdaftar JKN"]),
    column(K.active, "Status Aktif", ["Status Keaktifan", "Keaktifan", "Aktif", "Status Aktif Peserta"]),
    column(K.membershipYear, "Tahun Kepesertaan JKN", [
      "Tahun Kepesertaan",
      "Tahun Terdaftar",
      "Tahun Daftar",
      "Tahun Mulai Kepesertaan",
      "Tahun",
    ], { cell: CELLS.extra("membershipYear") }),
    column(K.name, "Nama Peserta", ["Nama", "Nama Lengkap", "Nama Pekerja"], { personal: true, cell: CELLS.field("name") }),
    column(K.npwp, "NPWP Badan Usaha", [
      ...NPWP_ALIASES,
      "NPWP BU",
      "NPWP Pemberi Kerja",
      "NPWP Perusahaan",
    ], { cell: CELLS.field("npwp") }),
    column(K.kodeBadanUsaha, "Kode Badan Usaha", ["Kode BU", "kd_bu", "Kode Pemberi Kerja"], { cell: CELLS.field("kodeBadanUsaha") }),
  ]),
  normalize(values, ctx) {
    const nikRaw = values[K.nik];
    const passportRaw = values[K.passportNumber];
    const nioraRaw = values[K.niora];
    const kitasRaw = values[K.kitas];
    const nik = parseNik(nikRaw);
    const passport = readPassport(passportRaw);
    const niora = readNiora(nioraRaw);
    const kitas = readKitas(kitasRaw);

    const identifierIssues: RowIssue[] = [];
    if (nik.kind === "invalid") identifierIssues.push(rowIssue(ctx, K.nik, nikRaw, nik.reason, MASKS.nik));
    if (passport.kind === "invalid") {
      identifierIssues.push(rowIssue(ctx, K.passportNumber, passportRaw, passport.reason, MASKS.document));
    }
    if (niora.kind === "invalid") identifierIssues.push(rowIssue(ctx, K.niora, nioraRaw, niora.reason, MASKS.document));
    if (kitas.kind === "invalid") identifierIssues.push(rowIssue(ctx, K.kitas, kitasRaw, kitas.reason, MASKS.document));

    if (nik.kind !== "ok" && passport.kind !== "ok" && niora.kind !== "ok" && kitas.kind !== "ok") {
      if (identifierIssues.length === 0) {
        identifierIssues.push(
          rowIssue(ctx, K.nik, nikRaw, "Identitas peserta kosong: isi NIK, Nomor Paspor, NIORA atau KITAS", MASKS.nik),
        );
      }
      return { ok: false, issues: identifierIssues };
    }

    const warnings = identifierIssues;
    const npwp = readNpwp(values, ctx, K.npwp, warnings, false);
    return {
      ok: true,
      warnings,
      record: record(
        {
          name: cleanText(values[K.name]),
          nik: nik.kind === "ok" ? nik.value : null,
          kodeBadanUsaha: readOptional(readKodeBadanUsaha, values, K.kodeBadanUsaha, ctx, warnings),
          extra: {
            passportNumber: passport.kind === "ok" ? passport.value : null,
            niora: niora.kind === "ok" ? niora.value : null,
            kitas: kitas.kind === "ok" ? kitas.value : null,
            segment: readOptional(parseSegment, values, K.segment, ctx, warnings),
            ...readJknStatuses(values, K, ctx, warnings),
            membershipYear: readOptional(parseMembershipYear, values, K.membershipYear, ctx, warnings),
          },
        },
        npwp,
      ),
    };
  },
};
