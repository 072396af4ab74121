/**
 * Where the follow-up of a lead stands. The literals are Prisma's `FollowUpStatus` enum, declared
 * here so `lib/` never imports the client (server/leads/lead-query.ts checks that they agree).
 */
export const FOLLOW_UP_STATUSES = ["BARU", "DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR", "MENOLAK", "TIDAK_DITEMUKAN"] as const;
export type FollowUpStatusValue = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Readonly<Record<FollowUpStatusValue, string>> = {
  BARU: "Baru",
  DIHUBUNGI: "Dihubungi",
  DIKUNJUNGI: "Dikunjungi",
  BERSEDIA_DAFTAR: "Bersedia daftar",
  TERDAFTAR: "Terdaftar",
  MENOLAK: "Menolak",
  TIDAK_DITEMUKAN: "Tidak ditemukan",
};

/** A lead nobody has followed up yet: it has no follow-up row at all. */
export const NOT_FOLLOWED_UP = "BELUM_DITINDAKLANJUTI" as const;
export const NOT_FOLLOWED_UP_LABEL = "Belum ditindaklanjuti";

export type FollowUpFilterValue = FollowUpStatusValue | typeof NOT_FOLLOWED_UP;

export function isFollowUpStatus(value: unknown): value is FollowUpStatusValue {
  return typeof value === "string" && (FOLLOW_UP_STATUSES as readonly string[]).includes(value);
}
