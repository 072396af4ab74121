-- Notaries become leads of their own kind in `business` (server/matching/write-notary-leads.ts).
-- A constant default: PostgreSQL adds the column without rewriting the table.

-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('BADAN_USAHA', 'NOTARIS');

-- AlterTable
ALTER TABLE "business" ADD COLUMN "kind" "EntityKind" NOT NULL DEFAULT 'BADAN_USAHA';

-- The notaries alone, on the priority sort's own keys (server/leads/lead-query.ts SORT_KEYS), so
-- "Jenis: Notaris" reads them in order instead of walking the businesses ranked above them. On an
-- expression: Prisma cannot state it, and leaves it alone (see schema.prisma, model Business).
CREATE INDEX "business_notary_priority_idx" ON "business"("priority", (coalesce("worker_count", -1)), "id") WHERE ("kind" = 'NOTARIS');
