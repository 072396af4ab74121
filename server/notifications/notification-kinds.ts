import type { NotificationKind } from "@/server/db/generated/enums.ts";

/** What the inbox calls each kind of notice. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  LEAD_ASSIGNED: "Penugasan prospek",
  FOLLOW_UP_DUE: "Tenggat tindak lanjut",
  REVIEW_WAITING: "Tinjauan pasangan entitas",
  IMPORT_FINISHED: "Impor selesai",
  IMPORT_FAILED: "Impor gagal",
  BALIKAN_DUE: "Data balikan jatuh tempo",
  AGREEMENT_TERM: "Masa berlaku perjanjian kerja sama",
};
