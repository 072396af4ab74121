-- source_record.batch_id keeps its index but loses its foreign key: a batch and its rows are
-- written in one transaction by one writer (server/ingest/write-batch.ts) and batches are never
-- deleted, while the check of every imported row cost ~4 s per 1,000,000 rows
-- (docs/importing.md, "Import benchmark"). A test checks that no row is an orphan.
ALTER TABLE "source_record" DROP CONSTRAINT "source_record_batch_id_fkey";

-- No query reads worker_status by NIK (the worker list, its export and the reveal read it by
-- business and record id), and a match run rewrites millions of its rows.
DROP INDEX "worker_status_nik_idx";

-- Written by hand (Prisma does not model grants). Imports and match runs change millions of rows
-- and must ANALYZE what they changed, or the next statement plans on stale estimates (a step of
-- seconds took minutes). ANALYZE needs the owner or, since PostgreSQL 17, MAINTAIN; the app role
-- gets it on every table but the append-only audit trail and the migration bookkeeping. MAINTAIN
-- changes no row (VACUUM, ANALYZE, REINDEX, CLUSTER, LOCK, REFRESH MATERIALIZED VIEW).
GRANT MAINTAIN ON ALL TABLES IN SCHEMA public TO jangkau_app;
REVOKE MAINTAIN ON "audit_event" FROM jangkau_app;
DO $$
BEGIN
    IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
        REVOKE MAINTAIN ON "_prisma_migrations" FROM jangkau_app;
    END IF;
END $$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT MAINTAIN ON TABLES TO jangkau_app;
