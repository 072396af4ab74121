/**
 * KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia, Peraturan BPS 2/2020): a business
 * activity is a 5-digit group (kelompok); its first two digits are the division (golongan pokok),
 * and each division belongs to one of 21 sections (kategori) A–U.
 */
import {
  digitInputInvalids,
  invalid,
  readDigits,
  type DigitInputCode,
  type ParseResult,
  type RawInput,
} from "./parse-result.ts";
import { KBLI_SECTIONS as SECTION_RANGES } from "../leads/kbli-sections.ts";

/** The official section titles (Peraturan BPS 2/2020); the lead filter shows shorter ones. */
export const KBLI_SECTIONS = {
  A: "Pertanian, Kehutanan dan Perikanan",
  B: "Pertambangan dan Penggalian",
  C: "Industri Pengolahan",
  D: "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin",
  E: "Treatment Air, Treatment Air Limbah, Treatment dan Pemulihan Material Sampah, dan Aktivitas Remediasi",
  F: "Konstruksi",
  G: "Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor",
  H: "Pengangkutan dan Pergudangan",
  I: "Penyediaan Akomodasi dan Penyediaan Makan Minum",
  J: "Informasi dan Komunikasi",
  K: "Aktivitas Keuangan dan Asuransi",
  L: "Real Estat",
  M: "Aktivitas Profesional, Ilmiah dan Teknis",
  N: "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya",
  O: "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib",
  P: "Pendidikan",
  Q: "Aktivitas Kesehatan Manusia dan Aktivitas Sosial",
  R: "Kesenian, Hiburan dan Rekreasi",
  S: "Aktivitas Jasa Lainnya",
  T: "Aktivitas Rumah Tangga sebagai Pemberi Kerja; Aktivitas yang Menghasilkan Barang dan Jasa oleh Rumah Tangga yang Digunakan untuk Memenuhi Kebutuhan Sendiri",
  U: "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya",
} as const;

export type KbliSection = keyof typeof KBLI_SECTIONS;

/**
 * Index = division number 0–99; one array lookup per call. The division ranges are the lead
 * filter's table (lib/leads/kbli-sections.ts), so the two cannot disagree; divisions between
 * them do not exist.
 */
const SECTION_BY_DIVISION: readonly (KbliSection | null)[] = (() => {
  const table: (KbliSection | null)[] = new Array<KbliSection | null>(100).fill(null);
  for (const { letter, from, to } of SECTION_RANGES) for (let d = Number(from); d <= Number(to); d++) table[d] = letter as KbliSection;
  return table;
})();

/**
 * The section letter of a KBLI code (any level: `46`, `4610`, `46100`), from its first two
 * digits; null when they are not digits or not a KBLI 2020 division (`04`, `34`, `40`, …).
 */
export function kbliSection(code: string): KbliSection | null {
  if (code.length < 2) return null;
  const tens = code.charCodeAt(0) - 48;
  const ones = code.charCodeAt(1) - 48;
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return null;
  return SECTION_BY_DIVISION[tens * 10 + ones] ?? null;
}

export type KbliInvalidCode = DigitInputCode | "length" | "division";

export type KbliResult = ParseResult<{ value: string; section: KbliSection }, KbliInvalidCode>;

export const KBLI_LENGTH = 5;

const INPUT = digitInputInvalids("KBLI");
const FOUR_DIGITS = invalid(
  "length",
  "KBLI harus 5 digit (ditemukan 4 digit): bisa jadi kode subgolongan, atau angka 0 di depan hilang karena kolom diformat sebagai angka",
);
const DIVISION = invalid("division", "Dua digit pertama KBLI bukan golongan pokok KBLI 2020");

/** Exactly 5 digits once spaces and dots are removed, in a division that exists. */
export function parseKbli(input: RawInput): KbliResult {
  const digits = readDigits(input, INPUT);
  if (typeof digits !== "string") return digits;
  if (digits.length !== KBLI_LENGTH) {
    if (digits.length === KBLI_LENGTH - 1) return FOUR_DIGITS;
    return invalid("length", `KBLI harus ${KBLI_LENGTH} digit (ditemukan ${digits.length} digit)`);
  }
  const section = kbliSection(digits);
  if (section === null) return DIVISION;
  return { kind: "ok", value: digits, section };
}
