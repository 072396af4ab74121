-- What one Dasbor view reads, without the work that grew with the tables (at 1,000,000
-- businesses, seconds a view). The follow-up funnel and officer progress read a region's
-- follow-up rows by their own copy of the business's kind, lead flag and region codes, instead of
-- joining every follow-up row to `business`: a trigger copies them whenever a follow-up row is
-- written or moves to another business, and match runs, which rewrite businesses, bring the
-- copies up to date in their write transaction (server/followup/sync-follow-up-business.ts).
-- The coverage reads find a view's rows by region code, scale and section, not among every
-- breakdown row of those regions; "visited" finds recorded visits among the visits alone.

-- AlterTable
ALTER TABLE "lead_follow_up" ADD COLUMN     "business_is_lead" BOOLEAN,
ADD COLUMN     "business_kind" "EntityKind",
ADD COLUMN     "district_code" TEXT,
ADD COLUMN     "province_code" TEXT,
ADD COLUMN     "regency_code" TEXT,
ADD COLUMN     "village_code" TEXT;

-- CreateIndex
CREATE INDEX "lead_follow_up_province_code_regency_code_district_code_idx" ON "lead_follow_up"("province_code", "regency_code", "district_code") WHERE (assigned_to_id IS NOT NULL);

-- CreateIndex
CREATE INDEX "coverage_stat_region_code_business_scale_kbli_section_idx" ON "coverage_stat"("region_code", "business_scale", "kbli_section");

-- CreateIndex
CREATE INDEX "lead_activity_visit_idx" ON "lead_activity"("business_id") WHERE (kind = 'KUNJUNGAN'::"ActivityKind");

-- Null when the business does not exist (SELECT INTO finds nothing): such rows count nowhere, as
-- they did when the figures joined `business`.
CREATE FUNCTION "lead_follow_up_copy_business"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT b.kind, b.is_lead, b.province_code, b.regency_code, b.district_code, b.village_code
    INTO NEW.business_kind, NEW.business_is_lead, NEW.province_code, NEW.regency_code, NEW.district_code, NEW.village_code
    FROM business b WHERE b.id = NEW.business_id;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "lead_follow_up_copy_business"
    BEFORE INSERT OR UPDATE OF "business_id" ON "lead_follow_up"
    FOR EACH ROW EXECUTE FUNCTION "lead_follow_up_copy_business"();

UPDATE "lead_follow_up" f SET "business_kind" = b.kind, "business_is_lead" = b.is_lead, "province_code" = b.province_code,
    "regency_code" = b.regency_code, "district_code" = b.district_code, "village_code" = b.village_code
FROM "business" b WHERE b.id = f.business_id;
