-- Regions where officers may take unassigned leads themselves.
CREATE TABLE "lead_take_region" (
    "region_code" TEXT NOT NULL,
    "enabled_by_id" UUID,
    "enabled_by_username" TEXT NOT NULL,
    "enabled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_take_region_pkey" PRIMARY KEY ("region_code")
);

ALTER TABLE "lead_take_region" ADD CONSTRAINT "lead_take_region_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
