import { z } from "zod";

/** The job queue's names as the Impor page shows them (server/jobs/job-definitions.ts). */
export const JOB_LABELS: Record<string, string> = {
  import: "Impor berkas",
  match: "Pencocokan entitas",
  "sftp-pull": "Tarik SFTP",
  "sftp-schedule": "Jadwal SFTP",
  "balikan-push": "Kirim data balikan",
  "audit-checkpoint": "Titik periksa audit",
  "notification-mail": "Kirim surel pemberitahuan",
  "notification-daily": "Pemberitahuan harian",
  "coverage-refresh": "Segarkan statistik dasbor",
};

/** pg-boss's job states, in Indonesian. */
export const JOB_STATE_LABELS: Record<string, string> = {
  created: "Mengantre",
  retry: "Menunggu ulang",
  active: "Berjalan",
  completed: "Selesai",
  cancelled: "Dibatalkan",
  failed: "Gagal",
};

/** The one schema of the cancel and retry forms (client and server alike). */
export const jobIdSchema = z.object({
  name: z.string().min(1, "Pekerjaan tidak dikenal.").max(50),
  jobId: z.uuid("Pekerjaan tidak dikenal."),
});
export type JobIdInput = z.input<typeof jobIdSchema>;
