-- Searching the lead list by legal form ("yayasan", "cv jaya") and by a partner's own codes
-- (Kode WLKP, Kode Badan Usaha), as leadWhere writes them. Only rows holding a value are indexed:
-- a business from BPJS alone has no Kode WLKP, and every index is paid for by every match run.

-- CreateIndex
CREATE INDEX "business_legal_form_idx" ON "business"("legal_form") WHERE ("legal_form" IS NOT NULL);

-- CreateIndex
CREATE INDEX "business_kode_wlkp_idx" ON "business"("kode_wlkp") WHERE ("kode_wlkp" IS NOT NULL);

-- CreateIndex
CREATE INDEX "business_kode_badan_usaha_idx" ON "business"("kode_badan_usaha") WHERE ("kode_badan_usaha" IS NOT NULL);

-- Written by hand (expressions Prisma can neither express nor see; schema.prisma lists them on
-- Business): ascending sorts by workers and by gap put unknown values last, as the largest int,
-- where the descending indexes of lead_list_indexes hold them as -1 (server/leads/lead-query.ts
-- COUNT_KEYS). Same second keys as those, for the same skip scans.
CREATE INDEX "business_workers_asc_idx" ON "business"((coalesce("worker_count", 2147483647)), (coalesce("business_scale", '')));

CREATE INDEX "business_gap_asc_idx" ON "business"((coalesce("worker_gap", 2147483647)), "status");
