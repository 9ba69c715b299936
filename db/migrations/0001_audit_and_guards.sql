-- Append-only, hash-chained audit log (TRUST I5).
-- Each row's hash covers the previous row's hash and the row itself, so altering or removing
-- a row breaks the chain from that row on; the advisory lock orders concurrent inserts.
-- The id is taken again AFTER the lock: the column default runs before this trigger, so two
-- concurrent inserts could otherwise get ids in one order and chain in the other, which the
-- verifier (ordered by id) would report as tampering. `at` is hashed in UTC (to_jsonb writes a
-- timestamptz in the session's TimeZone), so the chain verifies from any session or server.
-- db/queries/audit.ts recomputes exactly this expression.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7426001);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, 'genesis');
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || ((to_jsonb(NEW) - 'hash' - 'prev_hash') || jsonb_build_object('at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, 'UTF8')), 'hex');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain_trg BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- Sequences for the references people read (ZZ-2026-000123, SQ-2026-000045).
CREATE SEQUENCE IF NOT EXISTS application_ref_seq START 1001;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS grievance_ref_seq START 1001;
