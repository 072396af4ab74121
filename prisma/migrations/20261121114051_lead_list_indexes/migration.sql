-- DropIndex
DROP INDEX "business_business_scale_idx";

-- DropIndex
DROP INDEX "business_is_lead_priority_id_idx";

-- DropIndex
DROP INDEX "business_kbli_idx";

-- DropIndex
DROP INDEX "business_regency_code_idx";

-- DropIndex
DROP INDEX "business_worker_count_idx";

-- CreateIndex
CREATE INDEX "business_regency_code_is_lead_priority_idx" ON "business"("regency_code", "is_lead", "priority");

-- CreateIndex
CREATE INDEX "business_name_sort_idx" ON "business"("name_core");

-- CreateIndex
CREATE INDEX "business_updated_at_id_is_lead_idx" ON "business"("updated_at", "id", "is_lead");

-- Written by hand: indexes on expressions, which Prisma can neither express nor see (schema.prisma
-- lists them in a comment on Business). Each serves one lead-list sort in
-- server/leads/lead-query.ts SORT_KEYS, on exactly the expressions the queries use.

-- By priority, leads or not: non-leads score 0, so leads come first in the usual (descending)
-- order; is_lead, last, is checked inside the index when a page walks past non-leads.
CREATE INDEX "business_priority_idx" ON "business"("priority", (coalesce("worker_count", -1)), "id", "is_lead");

-- CreateIndex
CREATE INDEX "business_workers_idx" ON "business"((coalesce("worker_count", -1)), (coalesce("business_scale", '')));

-- CreateIndex
CREATE INDEX "business_gap_idx" ON "business"((coalesce("worker_gap", -1)), "status");

-- CreateIndex
CREATE INDEX "business_kbli_sort_idx" ON "business"((coalesce("kbli", 'Z')));

-- is_lead is "not Terdaftar aktif" (server/matching/classify.ts); leadWhere relies on it to stand
-- for the lead statuses on its own.
ALTER TABLE "business" ADD CONSTRAINT "business_is_lead_status_check" CHECK ("is_lead" = ("status" <> 'TERDAFTAR_AKTIF'));
