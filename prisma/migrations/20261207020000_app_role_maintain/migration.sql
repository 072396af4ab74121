-- Written by hand (Prisma does not model grants): the app role may ANALYZE (server/db/analyze-tables.ts).
-- A match run reads what an import wrote seconds before and rewrites a million businesses at
-- once; planned on missing statistics its joins take minutes instead of milliseconds, and only a
-- table's owner or a holder of MAINTAIN (PostgreSQL 17+) may ANALYZE it. MAINTAIN also allows
-- VACUUM, REINDEX, CLUSTER, REFRESH MATERIALIZED VIEW and LOCK TABLE — none of which changes a
-- row's content — but not on the audit trail, which the app only reads and appends to.
GRANT MAINTAIN ON ALL TABLES IN SCHEMA public TO jangkau_app;
REVOKE MAINTAIN ON "audit_event" FROM jangkau_app;
-- The migration bookkeeping is the owner's alone (it does not exist yet when this runs first in a
-- fresh database through some tools, hence the guard).
DO $$
BEGIN
    IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
        REVOKE MAINTAIN ON "_prisma_migrations" FROM jangkau_app;
    END IF;
END $$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT MAINTAIN ON TABLES TO jangkau_app;
