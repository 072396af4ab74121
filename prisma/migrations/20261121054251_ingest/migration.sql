-- CreateEnum
CREATE TYPE "ImportChannel" AS ENUM ('CLI', 'UPLOAD', 'SFTP', 'API');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED');

-- CreateTable
CREATE TABLE "import_batch" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "channel" "ImportChannel" NOT NULL,
    "file_name" TEXT,
    "file_sha256" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "stored_file" TEXT,
    "data_rows" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "warnings" INTEGER NOT NULL,
    "reject_report" TEXT,
    "actor_id" TEXT,
    "actor_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "channel" "ImportChannel" NOT NULL,
    "file_name" TEXT,
    "file_sha256" TEXT,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'RUNNING',
    "phase" TEXT NOT NULL DEFAULT 'menunggu',
    "bytes_total" BIGINT,
    "bytes_read" BIGINT NOT NULL DEFAULT 0,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "batch_id" UUID,
    "actor_id" TEXT,
    "actor_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_record" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "name" TEXT,
    "legal_form" TEXT,
    "npwp" TEXT,
    "npwp_is_nik" BOOLEAN NOT NULL DEFAULT false,
    "nib" TEXT,
    "nik" TEXT,
    "kode_wlkp" TEXT,
    "kode_badan_usaha" TEXT,
    "province_code" TEXT,
    "regency_code" TEXT,
    "district_code" TEXT,
    "village_code" TEXT,
    "region_match" TEXT,
    "address" TEXT,
    "postcode" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "worker_count" INTEGER,
    "business_scale" TEXT,
    "kbli" TEXT,
    "extra" JSONB NOT NULL DEFAULT '{}',
    "raw" TEXT[],

    CONSTRAINT "source_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batch_source_period_idx" ON "import_batch"("source", "period");

-- CreateIndex
CREATE UNIQUE INDEX "import_batch_source_file_sha256_key" ON "import_batch"("source", "file_sha256");

-- CreateIndex
CREATE INDEX "import_job_created_at_idx" ON "import_job"("created_at");

-- CreateIndex
CREATE INDEX "source_record_batch_id_idx" ON "source_record"("batch_id");

-- CreateIndex
CREATE INDEX "source_record_npwp_idx" ON "source_record"("npwp");

-- CreateIndex
CREATE INDEX "source_record_nib_idx" ON "source_record"("nib");

-- CreateIndex
CREATE INDEX "source_record_nik_idx" ON "source_record"("nik");

-- CreateIndex
CREATE INDEX "source_record_regency_code_idx" ON "source_record"("regency_code");

-- AddForeignKey
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_record" ADD CONSTRAINT "source_record_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
