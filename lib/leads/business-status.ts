/**
 * A business's JKN registration status as Jangkau concludes it (server/matching/classify.ts).
 * The literals are Prisma's `BusinessStatus` enum, declared here so `lib/` never imports the
 * client (server/leads/export-leads.ts checks at compile time that the two agree).
 */

/** Lead statuses first, in the order staff work them. */
export const BUSINESS_STATUSES = ["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF", "DAFTAR_SEBAGIAN", "TERDAFTAR_AKTIF"] as const;
export type BusinessStatusValue = (typeof BUSINESS_STATUSES)[number];

/** Every status but Terdaftar aktif makes the business a lead. */
export const LEAD_STATUSES: readonly BusinessStatusValue[] = ["BELUM_TERDAFTAR", "TERDAFTAR_NONAKTIF", "DAFTAR_SEBAGIAN"];

export const BUSINESS_STATUS_LABELS: Readonly<Record<BusinessStatusValue, string>> = {
  BELUM_TERDAFTAR: "Belum terdaftar",
  TERDAFTAR_NONAKTIF: "Terdaftar nonaktif",
  DAFTAR_SEBAGIAN: "Daftar sebagian",
  TERDAFTAR_AKTIF: "Terdaftar aktif",
};

/** How a status is written in a command line or a URL (`--status belum-terdaftar,nonaktif`). */
export const BUSINESS_STATUS_SLUGS: Readonly<Record<BusinessStatusValue, string>> = {
  BELUM_TERDAFTAR: "belum-terdaftar",
  TERDAFTAR_NONAKTIF: "nonaktif",
  DAFTAR_SEBAGIAN: "daftar-sebagian",
  TERDAFTAR_AKTIF: "aktif",
};

/**
 * Spellings accepted for each status once case, spaces, dashes and underscores are dropped:
 * the slug, the enum name, the label, and the short words staff use ("belum", "sebagian", PDS —
 * BPJS's "perusahaan daftar sebagian").
 */
const SPELLINGS: ReadonlyMap<string, BusinessStatusValue> = new Map<string, BusinessStatusValue>([
  ...(["belumterdaftar", "belum", "tidakterdaftar", "unregistered"] as const).map((s) => [s, "BELUM_TERDAFTAR"] as const),
  ...(["terdaftarnonaktif", "nonaktif", "tidakaktif", "terdaftartidakaktif", "inactive"] as const).map((s) => [s, "TERDAFTAR_NONAKTIF"] as const),
  ...(["daftarsebagian", "terdaftarsebagian", "sebagian", "pds", "partial"] as const).map((s) => [s, "DAFTAR_SEBAGIAN"] as const),
  ...(["terdaftaraktif", "aktif", "active"] as const).map((s) => [s, "TERDAFTAR_AKTIF"] as const),
]);

/** The status a person meant by `text` ("Belum terdaftar", "BELUM_TERDAFTAR", "nonaktif"), or null. */
export function parseBusinessStatus(text: string): BusinessStatusValue | null {
  return SPELLINGS.get(text.toLowerCase().replace(/[\s_\-.]+/g, "")) ?? null;
}

export function isBusinessStatus(value: unknown): value is BusinessStatusValue {
  return typeof value === "string" && (BUSINESS_STATUSES as readonly string[]).includes(value);
}
