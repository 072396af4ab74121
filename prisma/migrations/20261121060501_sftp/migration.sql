-- CreateEnum
CREATE TYPE "SftpAuthKind" AS ENUM ('PASSWORD', 'KEY');

-- CreateEnum
CREATE TYPE "SftpFetchStatus" AS ENUM ('IMPORTED', 'ALREADY_IMPORTED', 'REFUSED', 'FAILED');

-- CreateTable
CREATE TABLE "sftp_endpoint" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "username" TEXT NOT NULL,
    "auth_kind" "SftpAuthKind" NOT NULL,
    "secret" TEXT NOT NULL,
    "host_key_sha256" TEXT,
    "remote_dir" TEXT NOT NULL,
    "file_pattern" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "zip_password" TEXT,
    "period_override" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "pull_lease_until" TIMESTAMPTZ(3),
    "last_pull_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_by_username" TEXT NOT NULL,
    "updated_by_id" TEXT,
    "updated_by_username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sftp_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sftp_fetch" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "remote_path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "remote_mtime" TIMESTAMPTZ(3) NOT NULL,
    "sha256" TEXT,
    "period" TEXT,
    "status" "SftpFetchStatus" NOT NULL,
    "message" TEXT,
    "batch_id" UUID,
    "stored_file" TEXT,
    "actor_username" TEXT NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sftp_fetch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sftp_endpoint_name_key" ON "sftp_endpoint"("name");

-- CreateIndex
CREATE INDEX "sftp_fetch_endpoint_id_remote_path_size_remote_mtime_idx" ON "sftp_fetch"("endpoint_id", "remote_path", "size", "remote_mtime");

-- CreateIndex
CREATE INDEX "sftp_fetch_sha256_idx" ON "sftp_fetch"("sha256");

-- CreateIndex
CREATE INDEX "sftp_fetch_fetched_at_idx" ON "sftp_fetch"("fetched_at");

-- AddForeignKey
ALTER TABLE "sftp_fetch" ADD CONSTRAINT "sftp_fetch_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "sftp_endpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
