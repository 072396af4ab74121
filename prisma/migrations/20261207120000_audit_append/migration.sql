-- Written by hand (Prisma does not model functions): one audit event appended to the hash chain
-- in one statement. Every append serialises on the chain lock until its transaction commits; taken
-- from the app in four round trips, the lock was held while the app's process, busy rendering other
-- users' pages, got round to sending the next statement, and under load page views queued behind
-- each other for most of a second. Here the lock, the chain's head, the next id, the hash and the
-- INSERT run inside PostgreSQL: alone in its statement (a page view, a search) the lock is held for
-- the server's own work and the commit only.
--
-- hash = SHA-256(prev_hash ‖ canonical JSON of the content), as before: the app sends that JSON cut
-- where the id's digits go (the id is the head's to decide), and the verifier recomputes it from
-- the stored row as ever. SECURITY INVOKER: the caller's INSERT right on audit_event is what counts.
-- Each statement of a VOLATILE function reads with a fresh snapshot, so the head is read after the
-- lock is granted and sees the event committed just before.
CREATE FUNCTION "audit_append"(
    "content_before_id" text,
    "content_after_id" text,
    "p_occurred_at" timestamptz,
    "p_actor_id" text,
    "p_actor_username" text,
    "p_actor_role" text,
    "p_action" text,
    "p_object_type" text,
    "p_object_id" text,
    "p_region" text,
    "p_outcome" "AuditOutcome",
    "p_reason" text,
    "p_ip" text,
    "p_user_agent" text,
    "p_request_id" text,
    "p_details" jsonb
) RETURNS TABLE ("event_id" bigint, "event_hash" text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
    head text;
    next_id bigint;
    next_hash text;
BEGIN
    -- The key server/audit/append-audit-event.ts names CHAIN_LOCK_KEY.
    PERFORM pg_advisory_xact_lock(7020117001);
    SELECT a.hash INTO head FROM audit_event a ORDER BY a.id DESC LIMIT 1;
    head := coalesce(head, repeat('0', 64));
    next_id := nextval(pg_get_serial_sequence('audit_event', 'id'));
    next_hash := encode(sha256(convert_to(head || content_before_id || next_id::text || content_after_id, 'UTF8')), 'hex');
    INSERT INTO audit_event (id, occurred_at, actor_id, actor_username, actor_role, action, object_type, object_id,
                             region, outcome, reason, ip, user_agent, request_id, details, prev_hash, hash)
    VALUES (next_id, p_occurred_at, p_actor_id, p_actor_username, p_actor_role, p_action, p_object_type, p_object_id,
            p_region, p_outcome, p_reason, p_ip, p_user_agent, p_request_id, p_details, head, next_hash);
    RETURN QUERY SELECT next_id, next_hash;
END;
$$;

REVOKE ALL ON FUNCTION "audit_append"(text, text, timestamptz, text, text, text, text, text, text, text, "AuditOutcome", text, text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "audit_append"(text, text, timestamptz, text, text, text, text, text, text, text, "AuditOutcome", text, text, text, text, jsonb) TO jangkau_app;
