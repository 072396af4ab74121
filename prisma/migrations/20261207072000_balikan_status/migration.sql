-- Per-record snapshot of what a data balikan answers, written by every match run, so a period
-- stays answerable after a newer one supersedes it. Empty until the next match run: until then
-- a period's balikan is refused as not yet classified.
CREATE TABLE "balikan_status" (
    "source_record_id" BIGINT NOT NULL,
    "bpjs_record_id" BIGINT,
    "registered" BOOLEAN,
    "active" BOOLEAN,
    "match_run_id" INTEGER NOT NULL,

    CONSTRAINT "balikan_status_pkey" PRIMARY KEY ("source_record_id")
);
