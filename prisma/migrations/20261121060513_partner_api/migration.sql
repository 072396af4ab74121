-- CreateEnum
CREATE TYPE "Partner" AS ENUM ('kemnaker', 'ahu', 'bpjs');

-- CreateTable
CREATE TABLE "partner_api_key" (
    "id" UUID NOT NULL,
    "partner" "Partner" NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_by_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_username" TEXT,

    CONSTRAINT "partner_api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_record" (
    "id" UUID NOT NULL,
    "key_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "partner_api_key_secret_hash_key" ON "partner_api_key"("secret_hash");

-- CreateIndex
CREATE INDEX "partner_api_key_partner_idx" ON "partner_api_key"("partner");

-- CreateIndex
CREATE INDEX "idempotency_record_created_at_idx" ON "idempotency_record"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_record_key_id_idempotency_key_key" ON "idempotency_record"("key_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "idempotency_record" ADD CONSTRAINT "idempotency_record_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "partner_api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;
