-- CreateTable
CREATE TABLE "rate_limit_bucket" (
    "limiter" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "denials" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("limiter","key")
);

-- CreateIndex
CREATE INDEX "rate_limit_bucket_limiter_updated_at_idx" ON "rate_limit_bucket"("limiter", "updated_at");
