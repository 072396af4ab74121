-- Incremental match runs rescore the stored name links near the link threshold with the current
-- word weights (server/matching/find-drifted-links.ts); only name links carry a score.
CREATE INDEX "business_record_score_idx" ON "business_record"("score") WHERE (score IS NOT NULL);
