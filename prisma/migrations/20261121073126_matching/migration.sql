-- CreateEnum
CREATE TYPE "BusinessStatus" AS ENUM ('TERDAFTAR_AKTIF', 'TERDAFTAR_NONAKTIF', 'BELUM_TERDAFTAR', 'DAFTAR_SEBAGIAN');

-- CreateEnum
CREATE TYPE "MatchRunKind" AS ENUM ('FULL', 'INCREMENTAL');

-- CreateEnum
CREATE TYPE "MatchRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

-- CreateEnum
CREATE TYPE "NotaryJknStatus" AS ENUM ('AKTIF', 'TIDAK_AKTIF', 'TIDAK_TERDAFTAR');

-- CreateTable
CREATE TABLE "match_run" (
    "id" SERIAL NOT NULL,
    "kind" "MatchRunKind" NOT NULL,
    "status" "MatchRunStatus" NOT NULL DEFAULT 'RUNNING',
    "batch_id" UUID,
    "phase" TEXT NOT NULL DEFAULT 'menunggu',
    "records_total" INTEGER NOT NULL DEFAULT 0,
    "records_done" INTEGER NOT NULL DEFAULT 0,
    "stats" JSONB NOT NULL DEFAULT '{}',
    "message" TEXT,
    "actor_username" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "match_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_core" TEXT NOT NULL,
    "legal_form" TEXT,
    "npwp" TEXT,
    "nib" TEXT,
    "kode_wlkp" TEXT,
    "kode_badan_usaha" TEXT,
    "province_code" TEXT,
    "regency_code" TEXT,
    "district_code" TEXT,
    "village_code" TEXT,
    "address" TEXT,
    "postcode" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "worker_count" INTEGER,
    "registered_workers" INTEGER,
    "worker_gap" INTEGER,
    "business_scale" TEXT,
    "kbli" TEXT,
    "status" "BusinessStatus" NOT NULL,
    "is_lead" BOOLEAN NOT NULL,
    "priority" INTEGER NOT NULL,
    "sources" TEXT[],
    "latest_period" TEXT NOT NULL,
    "record_count" INTEGER NOT NULL,
    "match_run_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_record" (
    "source_record_id" BIGINT NOT NULL,
    "business_id" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "evidence" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "business_record_pkey" PRIMARY KEY ("source_record_id")
);

-- CreateTable
CREATE TABLE "match_key" (
    "key" BIGINT NOT NULL,
    "source_record_id" BIGINT NOT NULL,

    CONSTRAINT "match_key_pkey" PRIMARY KEY ("key","source_record_id")
);

-- CreateTable
CREATE TABLE "name_token_frequency" (
    "token" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "name_token_frequency_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "match_review" (
    "id" BIGSERIAL NOT NULL,
    "left_fingerprint" TEXT NOT NULL,
    "right_fingerprint" TEXT NOT NULL,
    "left_record_id" BIGINT NOT NULL,
    "right_record_id" BIGINT NOT NULL,
    "regency_code" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "status" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notary_status" (
    "source_record_id" BIGINT NOT NULL,
    "nik" TEXT NOT NULL,
    "status" "NotaryJknStatus" NOT NULL,
    "segment" TEXT,
    "peserta_record_id" BIGINT,
    "match_run_id" INTEGER NOT NULL,

    CONSTRAINT "notary_status_pkey" PRIMARY KEY ("source_record_id")
);

-- CreateIndex
CREATE INDEX "match_run_started_at_idx" ON "match_run"("started_at");

-- CreateIndex
CREATE INDEX "match_run_batch_id_idx" ON "match_run"("batch_id");

-- CreateIndex
CREATE INDEX "business_regency_code_idx" ON "business"("regency_code");

-- CreateIndex
CREATE INDEX "business_npwp_idx" ON "business"("npwp");

-- CreateIndex
CREATE INDEX "business_is_lead_priority_idx" ON "business"("is_lead", "priority" DESC);

-- CreateIndex
CREATE INDEX "business_status_idx" ON "business"("status");

-- CreateIndex
CREATE INDEX "business_record_business_id_idx" ON "business_record"("business_id");

-- CreateIndex
CREATE INDEX "business_record_fingerprint_idx" ON "business_record"("fingerprint");

-- CreateIndex
CREATE INDEX "match_key_source_record_id_idx" ON "match_key"("source_record_id");

-- CreateIndex
CREATE INDEX "match_review_status_score_idx" ON "match_review"("status", "score" DESC);

-- CreateIndex
CREATE INDEX "match_review_regency_code_idx" ON "match_review"("regency_code");

-- CreateIndex
CREATE UNIQUE INDEX "match_review_left_fingerprint_right_fingerprint_key" ON "match_review"("left_fingerprint", "right_fingerprint");

-- CreateIndex
CREATE INDEX "notary_status_nik_idx" ON "notary_status"("nik");

-- AddForeignKey
ALTER TABLE "business_record" ADD CONSTRAINT "business_record_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "business"("id") ON DELETE CASCADE ON UPDATE CASCADE;
