-- Notaries become leads of their own kind in `business` (server/matching/write-notary-leads.ts).
-- A constant default: PostgreSQL adds the column without rewriting the table.

-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('BADAN_USAHA', 'NOTARIS');

-- AlterTable
ALTER TABLE "business" ADD COLUMN "kind" "EntityKind" NOT NULL DEFAULT 'BADAN_USAHA';

-- CreateIndex
CREATE INDEX "business_notary_priority_idx" ON "business"("priority", "id") WHERE (kind = 'NOTARIS'::"EntityKind");
