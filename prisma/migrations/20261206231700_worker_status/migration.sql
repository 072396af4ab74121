-- CreateEnum
CREATE TYPE "WorkerJknStatus" AS ENUM ('TERDAFTAR_DI_SINI', 'TERDAFTAR_DI_LAIN', 'SEGMEN_LAIN', 'BELUM_TERDAFTAR');

-- AlterTable
ALTER TABLE "business" ADD COLUMN     "workers_elsewhere" INTEGER,
ADD COLUMN     "workers_here" INTEGER,
ADD COLUMN     "workers_listed" INTEGER,
ADD COLUMN     "workers_other_segment" INTEGER,
ADD COLUMN     "workers_unregistered" INTEGER;

-- AlterTable
ALTER TABLE "coverage_stat" ADD COLUMN     "workers_elsewhere" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "workers_here" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "workers_listed" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "workers_other_segment" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "workers_unregistered" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "worker_status" (
    "source_record_id" BIGINT NOT NULL,
    "business_id" BIGINT,
    "nik" TEXT,
    "status" "WorkerJknStatus" NOT NULL,
    "segment" TEXT,
    "active" BOOLEAN,
    "membership_year" INTEGER,
    "peserta_record_id" BIGINT,
    "employer_business_id" BIGINT,
    "match_run_id" INTEGER NOT NULL,

    CONSTRAINT "worker_status_pkey" PRIMARY KEY ("source_record_id")
);

-- CreateIndex
CREATE INDEX "worker_status_business_id_status_idx" ON "worker_status"("business_id", "status");

-- CreateIndex
CREATE INDEX "worker_status_nik_idx" ON "worker_status"("nik");
