-- CreateExtension (pg_trgm: trusted, any database owner may create it)
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('BARU', 'DIHUBUNGI', 'DIKUNJUNGI', 'BERSEDIA_DAFTAR', 'TERDAFTAR', 'MENOLAK', 'TIDAK_DITEMUKAN');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('TELEPON', 'KUNJUNGAN', 'SURAT', 'EMAIL', 'CATATAN_SISTEM');

-- DropIndex
DROP INDEX "business_is_lead_priority_idx";

-- CreateTable
CREATE TABLE "lead_follow_up" (
    "business_id" BIGINT NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'BARU',
    "assigned_to_id" UUID,
    "assigned_by_id" UUID,
    "assigned_at" TIMESTAMPTZ(3),
    "due_date" DATE,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_follow_up_pkey" PRIMARY KEY ("business_id")
);

-- CreateTable
CREATE TABLE "lead_activity" (
    "id" BIGSERIAL NOT NULL,
    "business_id" BIGINT NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "outcome" TEXT,
    "note" TEXT,
    "status_from" "FollowUpStatus",
    "status_to" "FollowUpStatus",
    "actor_id" UUID,
    "actor_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_view" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coverage_stat" (
    "id" BIGSERIAL NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "region_code" TEXT NOT NULL,
    "business_scale" TEXT,
    "kbli_section" TEXT,
    "status" "BusinessStatus" NOT NULL,
    "businesses" INTEGER NOT NULL,
    "workers" BIGINT NOT NULL,
    "registered_workers" BIGINT NOT NULL,
    "worker_gap" BIGINT NOT NULL,

    CONSTRAINT "coverage_stat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coverage_trend" (
    "id" BIGSERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "province_code" TEXT NOT NULL,
    "status" "BusinessStatus" NOT NULL,
    "businesses" INTEGER NOT NULL,
    "workers" BIGINT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coverage_trend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_follow_up_assigned_to_id_status_idx" ON "lead_follow_up"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "lead_follow_up_status_idx" ON "lead_follow_up"("status");

-- CreateIndex
CREATE INDEX "lead_activity_business_id_created_at_idx" ON "lead_activity"("business_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "saved_view_user_id_name_key" ON "saved_view"("user_id", "name");

-- CreateIndex
CREATE INDEX "coverage_stat_level_region_code_idx" ON "coverage_stat"("level", "region_code");

-- CreateIndex
CREATE UNIQUE INDEX "coverage_trend_period_province_code_status_key" ON "coverage_trend"("period", "province_code", "status");

-- CreateIndex
CREATE INDEX "business_province_code_idx" ON "business"("province_code");

-- CreateIndex
CREATE INDEX "business_district_code_idx" ON "business"("district_code");

-- CreateIndex
CREATE INDEX "business_village_code_idx" ON "business"("village_code");

-- CreateIndex
CREATE INDEX "business_nib_idx" ON "business"("nib");

-- CreateIndex
CREATE INDEX "business_is_lead_priority_id_idx" ON "business"("is_lead", "priority" DESC, "id");

-- CreateIndex
CREATE INDEX "business_business_scale_idx" ON "business"("business_scale");

-- CreateIndex
CREATE INDEX "business_kbli_idx" ON "business"("kbli");

-- CreateIndex
CREATE INDEX "business_worker_count_idx" ON "business"("worker_count");

-- CreateIndex
CREATE INDEX "business_name_core_idx" ON "business" USING GIN ("name_core" gin_trgm_ops);
