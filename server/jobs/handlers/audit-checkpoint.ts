import "server-only";
import { writeAuditCheckpoint } from "@/server/audit/audit-checkpoint.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * Anchors the audit chain's head outside the database (server/audit/audit-checkpoint.ts), on the
 * queue's cron. The checkpoint is also logged, so the log collector keeps a copy off this machine.
 */
export const auditCheckpointJob = defineJobHandler("audit-checkpoint", {
  async run() {
    const point = await writeAuditCheckpoint();
    if (point) console.log(`[jangkau] Titik periksa audit: peristiwa #${point.seq}, hash ${point.hash}, hmac ${point.hmac}`);
    return point ? { seq: point.seq } : null;
  },
});
