import { z } from "zod";
import { isSourceId, PERIOD_PATTERN, SOURCE_PARTNER } from "./sources.ts";

/**
 * Data balikan: what BPJS returns to each partner under its agreement, shared by the page, the
 * CLI, the use cases and the status web service so the agreed elements are written down once.
 *
 * - AHU (PKS 2023, Pasal 4 ayat (2)): entities — nama entitas, NPWP, status (terdaftar / tidak
 *   terdaftar); notaries — NIK, NPWP, status (aktif / tidak aktif / tidak terdaftar), segmen
 *   kepesertaan. Nothing else of BPJS's data.
 * - Kemnaker (PKS 2025, Lampiran II): the 22 fields of BPJS's employer structure (II.1) for the
 *   businesses it sent, and the 8 fields of BPJS's worker structure (II.2) for the workers it sent.
 */

export const BALIKAN_PARTNERS = ["ahu", "kemnaker"] as const;
export type BalikanPartner = (typeof BALIKAN_PARTNERS)[number];

export const BALIKAN_PARTNER_LABELS: Record<BalikanPartner, string> = {
  ahu: "Ditjen AHU",
  kemnaker: "Kemnaker",
};

/**
 * True when an SFTP endpoint (by the source it is configured for) belongs to `partner`: only
 * then may that partner's data balikan go to it.
 */
export function isEndpointOfPartner(endpointSource: string, partner: string): boolean {
  return isSourceId(endpointSource) && SOURCE_PARTNER[endpointSource] === partner;
}

export function isBalikanPartner(value: string): value is BalikanPartner {
  return (BALIKAN_PARTNERS as readonly string[]).includes(value);
}

/** One CSV inside a partner's ZIP: the partner's source it answers, and its headers as the agreement words them. */
export interface BalikanEntryDefinition {
  /** Names the CSV: `balikan-<key>-<period>.csv`. */
  key: "ahu-entitas" | "ahu-notaris" | "kemnaker-bu" | "kemnaker-pekerja";
  /** The partner source whose records of the period become the rows, one row per record. */
  source: "ahu-entitas" | "ahu-notaris" | "kemnaker-bu" | "kemnaker-tk";
  label: string;
  headers: readonly string[];
}

export const AHU_ENTITY_HEADERS = ["Nama Entitas", "NPWP", "Status"] as const;
export const AHU_NOTARY_HEADERS = ["NIK", "NPWP", "Status", "Segmen Kepesertaan"] as const;
/** Lampiran II.1 "Struktur Data Badan Usaha", fields 1–22, in the agreement's order and wording. */
export const KEMNAKER_HEADERS = [
  "Nomor Induk Berusaha (NIB)",
  "Nomor Pokok Wajib Pajak (NPWP)",
  "Kode Badan Usaha",
  "Nama Badan Usaha",
  "Nama Lengkap Petugas Administrasi BU",
  "Nomor Kontak/Nomor Handphone Admin BU",
  "Alamat Badan Usaha",
  "Kode Kelurahan",
  "Nama Kelurahan",
  "Kode Kecamatan",
  "Nama Kecamatan",
  "Kode Kabupaten",
  "Nama Kabupaten",
  "Kode Provinsi",
  "Nama Provinsi",
  "Kode Pos",
  "Nomor Telepon Badan Usaha",
  "Alamat Email Badan Usaha",
  "Jumlah Pekerja",
  "Skala Usaha",
  "Status Terdaftar JKN",
  "Status Keaktifan Badan Usaha",
] as const;

/** Lampiran II.2 "Struktur data Pekerja", fields 1–8, in the agreement's order and wording. */
export const KEMNAKER_WORKER_HEADERS = [
  "Nomor Induk Kependudukan/NIK",
  "Nomor Paspor",
  "Nomor Induk Orang Asing (NIORA)",
  "Kartu Izin Tinggal Terbatas/KITAS",
  "Segmentasi Kepesertaan JKN",
  "Status Terdaftar JKN",
  "Status Aktif",
  "Tahun Kepesertaan JKN",
] as const;

export const BALIKAN_ENTRIES: Record<BalikanPartner, readonly BalikanEntryDefinition[]> = {
  ahu: [
    { key: "ahu-entitas", source: "ahu-entitas", label: "Entitas (PT, CV, Firma, Persekutuan Perdata)", headers: AHU_ENTITY_HEADERS },
    { key: "ahu-notaris", source: "ahu-notaris", label: "Notaris", headers: AHU_NOTARY_HEADERS },
  ],
  kemnaker: [
    { key: "kemnaker-bu", source: "kemnaker-bu", label: "Badan usaha (Lampiran II.1)", headers: KEMNAKER_HEADERS },
    { key: "kemnaker-pekerja", source: "kemnaker-tk", label: "Pekerja (Lampiran II.2)", headers: KEMNAKER_WORKER_HEADERS },
  ],
};

/**
 * Status words as each agreement spells them, the first letter capitalised as a cell starts: the
 * AHU agreement writes "terdaftar / tidak terdaftar" and "aktif / tidak aktif / tidak terdaftar",
 * Kemnaker's Lampiran II "Sudah terdaftar JKN / belum terdaftar JKN" and "Aktif/Tidak aktif".
 */
export const AHU_ENTITY_STATUS = { registered: "Terdaftar", notRegistered: "Tidak terdaftar" } as const;
export const AHU_NOTARY_STATUS = { active: "Aktif", inactive: "Tidak aktif", notRegistered: "Tidak terdaftar" } as const;
export const KEMNAKER_JKN_STATUS = { registered: "Sudah terdaftar JKN", notRegistered: "Belum terdaftar JKN" } as const;
export const KEMNAKER_ACTIVITY_STATUS = { active: "Aktif", inactive: "Tidak aktif" } as const;
/**
 * Neither agreement has a word for a status BPJS's own data leaves blank: rather than guess one
 * of theirs (a blank once read as "Aktif"), the files and the web service say so.
 */
export const UNKNOWN_STATUS = "Tidak diketahui";

/**
 * What BPJS answers about one partner record (balikan_status, or a participant found for a
 * worker): registered in JKN and active, each null when BPJS's data leaves it unknown; `active`
 * is said of a registered record only.
 */
export type JknAnswer = {
  registered: boolean | null;
  active: boolean | null;
};

export function ahuEntityStatus(answer: JknAnswer): string {
  if (answer.registered === null) return UNKNOWN_STATUS;
  return answer.registered ? AHU_ENTITY_STATUS.registered : AHU_ENTITY_STATUS.notRegistered;
}

/** "aktif / tidak aktif / tidak terdaftar", one word for both questions. */
export function ahuNotaryStatus(answer: JknAnswer): string {
  if (answer.registered === false) return AHU_NOTARY_STATUS.notRegistered;
  if (answer.registered === null || answer.active === null) return UNKNOWN_STATUS;
  return answer.active ? AHU_NOTARY_STATUS.active : AHU_NOTARY_STATUS.inactive;
}

export function kemnakerJknStatus(answer: JknAnswer): string {
  if (answer.registered === null) return UNKNOWN_STATUS;
  return answer.registered ? KEMNAKER_JKN_STATUS.registered : KEMNAKER_JKN_STATUS.notRegistered;
}

/** Lampiran II: "Aktif/Tidak aktif (bila sudah terdaftar JKN)": null when not registered. */
export function kemnakerActivityStatus(answer: JknAnswer): string | null {
  if (answer.registered === false) return null;
  if (answer.registered === null || answer.active === null) return UNKNOWN_STATUS;
  return answer.active ? KEMNAKER_ACTIVITY_STATUS.active : KEMNAKER_ACTIVITY_STATUS.inactive;
}

/**
 * A Kemnaker worker's Lampiran II.2 statuses from the BPJS participant found for it (null when
 * none, which is not registered). What the participant's row leaves blank stays unknown.
 */
export function kemnakerWorkerStatus(participant: JknAnswer | null): {
  registered: boolean | null;
  statusTerdaftarJkn: string;
  statusAktif: string | null;
} {
  const answer = participant ?? { registered: false, active: null };
  return { registered: answer.registered, statusTerdaftarJkn: kemnakerJknStatus(answer), statusAktif: kemnakerActivityStatus(answer) };
}

/** `2025-S1` → the last day of the semester after it (30 June / 31 December), when its balikan is due. */
export function balikanDueDate(period: string): Date {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new Error(`Periode tidak valid: ${period}`);
  const year = Number(match[1]);
  // S1 (Jan–Jun) is answered by the end of S2 of the same year; S2 by the end of S1 of the next.
  return match[2] === "1" ? new Date(Date.UTC(year, 11, 31)) : new Date(Date.UTC(year + 1, 5, 30));
}

/** Crockford-like alphabet without look-alikes (0/O, 1/l/I, 5/S, 2/Z, 8/B): read over the phone. */
export const BALIKAN_PASSWORD_ALPHABET = "ACDEFGHJKLMNPQRTUVWXYacdefghjkmnpqrtuvwxy34679";
export const BALIKAN_PASSWORD_LENGTH = 24;

const periodSchema = z.string().trim().regex(PERIOD_PATTERN, "Periode harus berformat TTTT-S1 atau TTTT-S2, mis. 2025-S2.");
const partnerSchema = z.enum(BALIKAN_PARTNERS, { message: "Pilih mitra: AHU atau Kemnaker." });

export const generateBalikanSchema = z.object({ partner: partnerSchema, period: periodSchema });
export type GenerateBalikanInput = z.infer<typeof generateBalikanSchema>;

export const pushBalikanSchema = z.object({ deliveryId: z.uuid("Berkas balikan tidak dikenal.") });

export const setBalikanTargetSchema = z.object({
  partner: partnerSchema,
  endpointId: z.uuid("Pilih sumber SFTP."),
  remoteDir: z
    .string()
    .trim()
    .min(1, "Folder tujuan wajib diisi.")
    .max(500, "Folder tujuan terlalu panjang.")
    .refine((dir) => !dir.split("/").includes(".."), "Folder tujuan tidak boleh memuat `..`."),
});
export type SetBalikanTargetInput = z.infer<typeof setBalikanTargetSchema>;

/** The status web service: NPWPs and NIKs (AHU's notaries, Kemnaker's workers) to look up in one call. */
export const MAX_STATUS_LOOKUPS = 1_000;
export const partnerStatusRequestSchema = z.strictObject({
  npwp: z.array(z.string().max(40, "NPWP terlalu panjang.")).max(MAX_STATUS_LOOKUPS, `Paling banyak ${MAX_STATUS_LOOKUPS} NPWP per panggilan.`).default([]),
  nik: z.array(z.string().max(40, "NIK terlalu panjang.")).max(MAX_STATUS_LOOKUPS, `Paling banyak ${MAX_STATUS_LOOKUPS} NIK per panggilan.`).default([]),
});

/** JKN segments as BPJS writes them (Lampiran II.2 wording), from the codes `bpjs-peserta` stores. */
const JKN_SEGMENTS: Record<string, string> = {
  PBI_JK: "PBI JK",
  PBPU_PEMDA: "PBPU Pemda",
  PPU_PN: "PPU PN",
  PPU_BU: "PPU BU",
  PBPU: "PBPU",
  BP: "BP",
};

/** The segments' words, for documents that list them. */
export const JKN_SEGMENT_LABELS: readonly string[] = Object.values(JKN_SEGMENTS);

/** A segment code in the agreement's words (an unknown code as it is), null when there is none. */
export function jknSegmentLabel(segment: string | null): string | null {
  return segment ? (JKN_SEGMENTS[segment] ?? segment) : null;
}

/** `+6281234567890` → `081234567890`: partners' systems and spreadsheets keep the leading 0 as text. */
export function nationalPhone(e164: string | null): string {
  if (!e164) return "";
  return e164.startsWith("+62") ? `0${e164.slice(3)}` : e164;
}

/** What the page shows once after generating a file: the password is never stored in clear, never shown again. */
export interface GeneratedBalikanView {
  deliveryId: string;
  partnerLabel: string;
  period: string;
  fileName: string;
  rows: number;
  sha256: string;
  password: string;
  entries: { name: string; rows: number; batchAccepted: number }[];
}

/** "Periksa kata sandi": the password a partner reads back, checked against the delivery's argon2id. */
export const checkBalikanPasswordSchema = z.object({
  deliveryId: z.uuid("Berkas balikan tidak dikenal."),
  password: z.string().trim().min(1, "Isi kata sandi yang dibacakan mitra.").max(200, "Kata sandi terlalu panjang."),
});
