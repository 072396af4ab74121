-- Written by hand (Prisma does not model roles or grants): the app connects as jangkau_app, a
-- role that owns nothing and is no superuser (server/db/roles.ts); this migration, run as the
-- owner, gives it what the app needs and no more. The role itself is cluster-wide, so it is
-- created beforehand: by the embedded server on start, in production by the DBA (docs/security.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jangkau_app') THEN
        RAISE EXCEPTION 'role jangkau_app does not exist'
            USING HINT = 'Create it before migrating: CREATE ROLE jangkau_app LOGIN PASSWORD ''...'' (docs/security.md, "Database roles").';
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO jangkau_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jangkau_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jangkau_app;

-- The audit trail is append-only for the app by privilege, not only by trigger: without UPDATE,
-- DELETE, TRUNCATE or ownership it cannot change a row, nor switch the triggers off.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_event" FROM jangkau_app;

-- Migration bookkeeping: the app only reads it, to refuse a schema older than its code. (It does
-- not exist in the shadow database a schema diff replays the migrations in.)
DO $$
BEGIN
    IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM jangkau_app;
    END IF;
END $$;

-- Tables and sequences that later migrations create (as the owner) get the same grants; a later
-- table that must be append-only revokes like audit_event above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO jangkau_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO jangkau_app;

-- A full match run reloads match_key (derived data, rebuilt from source records) without its
-- indexes and builds them afterwards, many times faster than maintaining them row by row. That
-- DDL needs the table's owner: these two functions run as the owner and do only that.
CREATE FUNCTION "match_key_begin_reload"() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    TRUNCATE "match_key";
    ALTER TABLE "match_key" DROP CONSTRAINT "match_key_pkey";
    DROP INDEX "match_key_source_record_id_idx";
END;
$$;

CREATE FUNCTION "match_key_end_reload"() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    ALTER TABLE "match_key" ADD CONSTRAINT "match_key_pkey" PRIMARY KEY ("key", "source_record_id");
    CREATE INDEX "match_key_source_record_id_idx" ON "match_key"("source_record_id");
END;
$$;

REVOKE ALL ON FUNCTION "match_key_begin_reload"(), "match_key_end_reload"() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "match_key_begin_reload"(), "match_key_end_reload"() TO jangkau_app;
