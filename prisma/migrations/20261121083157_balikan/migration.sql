-- CreateTable
CREATE TABLE "balikan_delivery" (
    "id" UUID NOT NULL,
    "partner" "Partner" NOT NULL,
    "period" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "stored_file" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "entries" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_by_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balikan_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "balikan_target" (
    "partner" "Partner" NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "remote_dir" TEXT NOT NULL,
    "updated_by_id" TEXT,
    "updated_by_username" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balikan_target_pkey" PRIMARY KEY ("partner")
);

-- CreateTable
CREATE TABLE "balikan_push" (
    "id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "endpoint_name" TEXT NOT NULL,
    "remote_path" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "message" TEXT,
    "actor_id" TEXT,
    "actor_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balikan_push_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "balikan_delivery_partner_period_idx" ON "balikan_delivery"("partner", "period");

-- CreateIndex
CREATE INDEX "balikan_push_delivery_id_idx" ON "balikan_push"("delivery_id");

-- AddForeignKey
ALTER TABLE "balikan_push" ADD CONSTRAINT "balikan_push_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "balikan_delivery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
