-- DropIndex
DROP INDEX "source_record_nib_idx";

-- DropIndex
DROP INDEX "source_record_nik_idx";

-- DropIndex
DROP INDEX "source_record_npwp_idx";

-- DropIndex
DROP INDEX "source_record_regency_code_idx";

-- CreateIndex
CREATE INDEX "source_record_nik_idx" ON "source_record"("nik") WHERE (nik IS NOT NULL);
