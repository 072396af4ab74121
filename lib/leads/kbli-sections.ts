/**
 * KBLI 2020 sections (kategori A–U) and the two-digit divisions (golongan pokok) each covers.
 * Every section is a contiguous run of divisions, so a section filter is one range on the
 * 5-digit `kbli` text ("10" ≤ kbli < "34"), which the btree index on `business.kbli` serves.
 */

export interface KbliSection {
  letter: string;
  label: string;
  /** First and last division, two digits each, inclusive. */
  from: string;
  to: string;
}

export const KBLI_SECTIONS: readonly KbliSection[] = [
  { letter: "A", label: "Pertanian, Kehutanan dan Perikanan", from: "01", to: "03" },
  { letter: "B", label: "Pertambangan dan Penggalian", from: "05", to: "09" },
  { letter: "C", label: "Industri Pengolahan", from: "10", to: "33" },
  { letter: "D", label: "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin", from: "35", to: "35" },
  { letter: "E", label: "Pengelolaan Air, Air Limbah, Sampah dan Remediasi", from: "36", to: "39" },
  { letter: "F", label: "Konstruksi", from: "41", to: "43" },
  { letter: "G", label: "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor", from: "45", to: "47" },
  { letter: "H", label: "Pengangkutan dan Pergudangan", from: "49", to: "53" },
  { letter: "I", label: "Penyediaan Akomodasi dan Makan Minum", from: "55", to: "56" },
  { letter: "J", label: "Informasi dan Komunikasi", from: "58", to: "63" },
  { letter: "K", label: "Aktivitas Keuangan dan Asuransi", from: "64", to: "66" },
  { letter: "L", label: "Real Estat", from: "68", to: "68" },
  { letter: "M", label: "Aktivitas Profesional, Ilmiah dan Teknis", from: "69", to: "75" },
  { letter: "N", label: "Aktivitas Penyewaan, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha", from: "77", to: "82" },
  { letter: "O", label: "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib", from: "84", to: "84" },
  { letter: "P", label: "Pendidikan", from: "85", to: "85" },
  { letter: "Q", label: "Aktivitas Kesehatan Manusia dan Aktivitas Sosial", from: "86", to: "88" },
  { letter: "R", label: "Kesenian, Hiburan dan Rekreasi", from: "90", to: "93" },
  { letter: "S", label: "Aktivitas Jasa Lainnya", from: "94", to: "96" },
  { letter: "T", label: "Aktivitas Rumah Tangga sebagai Pemberi Kerja", from: "97", to: "98" },
  { letter: "U", label: "Aktivitas Badan Internasional dan Ekstra Internasional Lainnya", from: "99", to: "99" },
];

export const KBLI_SECTION_LETTERS: readonly string[] = KBLI_SECTIONS.map((s) => s.letter);

const BY_LETTER: ReadonlyMap<string, KbliSection> = new Map(KBLI_SECTIONS.map((s) => [s.letter, s]));

export function kbliSection(letter: string): KbliSection | null {
  return BY_LETTER.get(letter.toUpperCase()) ?? null;
}

/**
 * The half-open text range [from, to) of KBLI codes starting with `prefix` (digits): "461" →
 * ["461", "462"], "4699" → ["4699", "47"]; "99" → ["99", null] (no upper bound). Digit-only
 * bounds compare the same in every collation.
 */
export function kbliPrefixRange(prefix: string): [string, string | null] {
  const digits = prefix.replace(/9+$/, "");
  if (digits === "") return [prefix, null];
  return [prefix, digits.slice(0, -1) + String(Number(digits.at(-1)) + 1)];
}

/** The KBLI range of a section: its first division up to the division after its last. */
export function kbliSectionRange(section: KbliSection): [string, string | null] {
  return [section.from, kbliPrefixRange(section.to)[1]];
}
