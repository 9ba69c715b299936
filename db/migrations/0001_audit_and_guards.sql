-- Append-only, hash-chained audit log (TRUST I5).
-- Each row's hash covers the previous row's hash and the row itself, so altering or removing
-- a row breaks the chain from that row on; the advisory lock orders concurrent inserts.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7426001);
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, 'genesis');
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || (to_jsonb(NEW) - 'hash' - 'prev_hash')::text, 'UTF8')), 'hex');
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
