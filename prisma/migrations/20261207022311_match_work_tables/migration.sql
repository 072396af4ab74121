-- CreateTable
CREATE TABLE "match_work_record" (
    "idx" INTEGER NOT NULL,
    "record_id" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "regency_code" TEXT,
    "fingerprint" TEXT NOT NULL,
    "npwp" TEXT,
    "nib" TEXT,
    "partner_code" TEXT,
    "tokens" TEXT[],
    "period" TEXT NOT NULL,
    "record" TEXT NOT NULL,

    CONSTRAINT "match_work_record_pkey" PRIMARY KEY ("idx")
);

-- CreateTable
CREATE TABLE "match_work_token" (
    "token" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "match_work_token_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "match_work_partition" (
    "run_id" INTEGER NOT NULL,
    "partition" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "records" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',

    CONSTRAINT "match_work_partition_pkey" PRIMARY KEY ("run_id","partition")
);

-- CreateTable
CREATE TABLE "match_work_pair" (
    "rank" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "evidence" JSONB NOT NULL,

    CONSTRAINT "match_work_pair_pkey" PRIMARY KEY ("rank","seq")
);

-- CreateTable
CREATE TABLE "match_work_key" (
    "record_id" BIGINT NOT NULL,
    "keys" BIGINT[],

    CONSTRAINT "match_work_key_pkey" PRIMARY KEY ("record_id")
);

-- CreateTable
CREATE TABLE "match_work_link" (
    "idx" INTEGER NOT NULL,
    "cluster" INTEGER NOT NULL,
    "rule" SMALLINT NOT NULL,
    "with_idx" INTEGER,
    "pair_rank" INTEGER,
    "pair_seq" INTEGER,

    CONSTRAINT "match_work_link_pkey" PRIMARY KEY ("idx")
);

-- CreateIndex
CREATE INDEX "match_work_record_regency_code_idx" ON "match_work_record"("regency_code");

-- CreateIndex
CREATE INDEX "match_work_link_cluster_idx" ON "match_work_link"("cluster");

-- Written by hand (Prisma does not model persistence or functions). The work tables hold only
-- what one full match run derives and empties afterwards: UNLOGGED spares their WAL, and a crash
-- (which empties them) loses nothing a new run does not rebuild.
ALTER TABLE "match_work_record" SET UNLOGGED;
ALTER TABLE "match_work_token" SET UNLOGGED;
ALTER TABLE "match_work_partition" SET UNLOGGED;
ALTER TABLE "match_work_pair" SET UNLOGGED;
ALTER TABLE "match_work_key" SET UNLOGGED;
ALTER TABLE "match_work_link" SET UNLOGGED;

-- Emptying millions of rows by DELETE leaves them for VACUUM; TRUNCATE needs the owner, which the
-- app is not: this function runs as the owner and does only that.
CREATE FUNCTION "match_work_clear"() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  TRUNCATE "match_work_record", "match_work_token", "match_work_partition", "match_work_pair", "match_work_key", "match_work_link";
END $$;
REVOKE ALL ON FUNCTION "match_work_clear"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "match_work_clear"() TO jangkau_app;
