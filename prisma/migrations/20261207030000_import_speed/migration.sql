-- source_record.batch_id keeps its index but loses its foreign key: a batch and its rows are
-- written in one transaction by one writer (server/ingest/write-batch.ts) and batches are never
-- deleted, while the check of every imported row cost ~4 s per 1,000,000 rows
-- (docs/importing.md, "Import benchmark"). A test checks that no row is an orphan.
ALTER TABLE "source_record" DROP CONSTRAINT "source_record_batch_id_fkey";

-- No query reads worker_status by NIK (the worker list, its export and the reveal read it by
-- business and record id), and a match run rewrites millions of its rows.
DROP INDEX "worker_status_nik_idx";
