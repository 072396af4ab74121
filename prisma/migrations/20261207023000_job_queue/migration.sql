-- AlterTable
ALTER TABLE "import_job" ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "queue_job_id" UUID;

-- AlterTable
ALTER TABLE "match_run" ADD COLUMN     "actor_id" TEXT,
ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "queue_job_id" UUID;

-- AlterTable
ALTER TABLE "sftp_endpoint" ADD COLUMN     "pull_schedule" TEXT;

-- CreateIndex
CREATE INDEX "import_job_queue_job_id_idx" ON "import_job"("queue_job_id");

-- CreateIndex
CREATE INDEX "match_run_queue_job_id_idx" ON "match_run"("queue_job_id");
