CREATE TABLE "audit_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"success" boolean NOT NULL,
	"ip" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "place_figures" (
	"place_id" integer PRIMARY KEY NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"grade_d" integer DEFAULT 0 NOT NULL,
	"grade_d_round1" integer DEFAULT 0 NOT NULL,
	"grade_d_round2" integer DEFAULT 0 NOT NULL,
	"grade_d_round3" integer DEFAULT 0 NOT NULL,
	"grade_d_complete" integer DEFAULT 0 NOT NULL,
	"grievances_open" integer DEFAULT 0 NOT NULL,
	"grievances_overdue" integer DEFAULT 0 NOT NULL,
	"grievances_resolved" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"next_due_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_figures_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"place_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "head_phone_hash" text;--> statement-breakpoint
CREATE INDEX "households_head_phone_hash_idx" ON "households" USING btree ("head_phone_hash");--> statement-breakpoint
-- ---- Per-place figures (db/queries/place-figures.ts) -------------------------------------------
-- Recomputes the figures of the given places from the rows themselves (each place is a few
-- hundred households: index scans). "Open" grievances are open, responded and reopened; one is
-- overdue once its due time has passed: the response limit while nobody has responded, else
-- the resolution limit (the same rule as lib/grievances.ts).
CREATE OR REPLACE FUNCTION place_figures_compute(ids integer[]) RETURNS void AS $$
  INSERT INTO place_figures AS f (place_id, households, grade_d, grade_d_round1, grade_d_round2, grade_d_round3, grade_d_complete,
    grievances_open, grievances_overdue, grievances_resolved, rating_sum, rating_count, next_due_at, computed_at)
  SELECT p.id, coalesce(h.n, 0), coalesce(d.n, 0), coalesce(d.r1, 0), coalesce(d.r2, 0), coalesce(d.r3, 0), coalesce(d.complete, 0),
    coalesce(g.open, 0), coalesce(g.overdue, 0), coalesce(g.resolved, 0), coalesce(g.rating_sum, 0), coalesce(g.rating_count, 0), g.next_due, now()
  FROM (SELECT DISTINCT unnest(ids) AS id) p
  LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM households WHERE place_id = p.id) h ON true
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, count(*) FILTER (WHERE r1)::int AS r1, count(*) FILTER (WHERE r2)::int AS r2,
      count(*) FILTER (WHERE r3)::int AS r3, count(*) FILTER (WHERE r1 AND r2 AND r3)::int AS complete
    FROM (
      SELECT hh.id, coalesce(bool_or(v.round = 1), false) AS r1, coalesce(bool_or(v.round = 2), false) AS r2, coalesce(bool_or(v.round = 3), false) AS r3
      FROM households hh
      JOIN household_facts hf ON hf.household_id = hh.id AND hf.key = 'safetyGrade'
      LEFT JOIN visits v ON v.household_id = hh.id
      WHERE hh.place_id = p.id AND coalesce(hf.verified_value, hf.declared_value) = '"D"'::jsonb
      GROUP BY hh.id
    ) x
  ) d ON true
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE open)::int AS open,
      count(*) FILTER (WHERE open AND due < now())::int AS overdue,
      count(*) FILTER (WHERE status IN ('resolved', 'closed'))::int AS resolved,
      coalesce(sum(rating), 0)::int AS rating_sum, count(rating)::int AS rating_count,
      min(due) FILTER (WHERE open AND due >= now()) AS next_due
    FROM (
      SELECT status, rating, status IN ('open', 'responded', 'reopened') AS open,
        CASE WHEN responded_at IS NULL THEN least(respond_by, resolve_by) ELSE resolve_by END AS due
      FROM grievances WHERE place_id = p.id
    ) g0
  ) g ON true
  ON CONFLICT (place_id) DO UPDATE SET households = EXCLUDED.households, grade_d = EXCLUDED.grade_d,
    grade_d_round1 = EXCLUDED.grade_d_round1, grade_d_round2 = EXCLUDED.grade_d_round2, grade_d_round3 = EXCLUDED.grade_d_round3,
    grade_d_complete = EXCLUDED.grade_d_complete, grievances_open = EXCLUDED.grievances_open, grievances_overdue = EXCLUDED.grievances_overdue,
    grievances_resolved = EXCLUDED.grievances_resolved, rating_sum = EXCLUDED.rating_sum, rating_count = EXCLUDED.rating_count,
    next_due_at = EXCLUDED.next_due_at, computed_at = EXCLUDED.computed_at;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Brings the figures of the scope's places up to date: the places marked dirty, those where an
-- open grievance has passed its deadline since, and those never computed. One caller at a time
-- (a try-lock): the others read the figures as they are, which the page shows with their time.
CREATE OR REPLACE FUNCTION place_figures_refresh(scope integer[]) RETURNS integer AS $$
DECLARE
  todo integer[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(7426002) THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM place_figures_dirty WHERE place_id = ANY (scope) RETURNING place_id
  )
  SELECT coalesce(array_agg(DISTINCT id), '{}') INTO todo FROM (
    SELECT place_id AS id FROM gone
    UNION SELECT place_id FROM place_figures WHERE place_id = ANY (scope) AND next_due_at <= now()
    UNION SELECT s.id FROM unnest(scope) AS s(id) WHERE NOT EXISTS (SELECT 1 FROM place_figures f WHERE f.place_id = s.id)
  ) t;
  IF cardinality(todo) > 0 THEN
    PERFORM place_figures_compute(todo);
  END IF;
  RETURN cardinality(todo);
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Writers only append the places they touched: no row of place_figures is locked by a resident's
-- or a cadre's transaction, so these triggers add no waiting to any use case.
CREATE OR REPLACE FUNCTION place_figures_mark() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'households' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO place_figures_dirty (place_id) SELECT DISTINCT place_id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO place_figures_dirty (place_id) SELECT DISTINCT place_id FROM old_rows;
    ELSE
      INSERT INTO place_figures_dirty (place_id)
      SELECT DISTINCT unnest(ARRAY[o.place_id, n.place_id]) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.place_id <> n.place_id;
    END IF;
  ELSIF TG_TABLE_NAME = 'grievances' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO place_figures_dirty (place_id) SELECT DISTINCT place_id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO place_figures_dirty (place_id) SELECT DISTINCT place_id FROM old_rows;
    ELSE
      INSERT INTO place_figures_dirty (place_id)
      SELECT DISTINCT unnest(ARRAY[o.place_id, n.place_id]) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status, o.rating, o.responded_at, o.respond_by, o.resolve_by, o.place_id) IS DISTINCT FROM (n.status, n.rating, n.responded_at, n.respond_by, n.resolve_by, n.place_id);
    END IF;
  ELSE
    -- visits and household_facts: the place of the household they belong to.
    IF TG_OP = 'DELETE' THEN
      INSERT INTO place_figures_dirty (place_id)
      SELECT DISTINCT h.place_id FROM old_rows r JOIN households h ON h.id = r.household_id
      WHERE TG_TABLE_NAME = 'visits' OR to_jsonb(r) ->> 'key' = 'safetyGrade';
    ELSE
      INSERT INTO place_figures_dirty (place_id)
      SELECT DISTINCT h.place_id FROM new_rows r JOIN households h ON h.id = r.household_id
      WHERE TG_TABLE_NAME = 'visits' OR to_jsonb(r) ->> 'key' = 'safetyGrade';
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER place_figures_households_ins AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_households_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_households_del AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_grievances_ins AFTER INSERT ON grievances REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_grievances_upd AFTER UPDATE ON grievances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_grievances_del AFTER DELETE ON grievances REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_visits_ins AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_visits_upd AFTER UPDATE ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_visits_del AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_facts_ins AFTER INSERT ON household_facts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_facts_upd AFTER UPDATE ON household_facts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
CREATE TRIGGER place_figures_facts_del AFTER DELETE ON household_facts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION place_figures_mark();
--> statement-breakpoint
-- ---- Audit rows chained at commit --------------------------------------------------------------
-- An INSERT into audit_events during a transaction is parked in audit_pending (the BEFORE
-- trigger returns NULL); a deferred constraint trigger moves each parked row into audit_events
-- when the transaction commits, and only there takes the chain's lock (7426001), reads the last
-- hash and links the row. The lock is thus held for the commit alone, not across the rest of
-- the transaction's statements and the application's round trips. A rolled-back transaction
-- leaves nothing, as before (TRUST I1: the audit row commits with the change or not at all).
-- `relief.audit_direct = on` (the flush itself; bulk loaders such as the county generator)
-- chains at once as before.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger AS $$
DECLARE
  last_hash text;
BEGIN
  IF coalesce(current_setting('relief.audit_direct', true), '') <> 'on' THEN
    INSERT INTO audit_pending (at, actor_id, actor_role, action, entity, entity_id, success, ip, details)
    VALUES (coalesce(NEW.at, now()), NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity, NEW.entity_id, NEW.success, NEW.ip, NEW.details);
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7426001);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, 'genesis');
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || ((to_jsonb(NEW) - 'hash' - 'prev_hash') || jsonb_build_object('at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, 'UTF8')), 'hex');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_pending_flush() RETURNS trigger AS $$
DECLARE
  before text := coalesce(current_setting('relief.audit_direct', true), '');
BEGIN
  PERFORM set_config('relief.audit_direct', 'on', true);
  INSERT INTO audit_events (at, actor_id, actor_role, action, entity, entity_id, success, ip, details)
  VALUES (NEW.at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity, NEW.entity_id, NEW.success, NEW.ip, NEW.details);
  PERFORM set_config('relief.audit_direct', before, true);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_flush_trg AFTER INSERT ON audit_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_pending_flush();
--> statement-breakpoint
-- With the audit chain's lock now taken only at commit, after the last statement, a transaction
-- never holds it while waiting for a count row: the count trigger no longer needs to take it
-- first (the deadlock it prevented needed the lock held mid-transaction).
CREATE OR REPLACE FUNCTION application_counts_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IS DISTINCT FROM o.status OR n.household_id IS DISTINCT FROM o.household_id OR n.programme_code IS DISTINCT FROM o.programme_code
    ) THEN
      RETURN NULL;
    END IF;
    INSERT INTO application_counts AS c (place_id, programme_code, status, n, updated_at)
    SELECT h.place_id, d.programme_code, d.status, sum(d.delta)::int, now()
    FROM (
      SELECT household_id, programme_code, status, 1 AS delta FROM new_rows
      UNION ALL
      SELECT household_id, programme_code, status, -1 AS delta FROM old_rows
    ) d JOIN households h ON h.id = d.household_id
    GROUP BY h.place_id, d.programme_code, d.status
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (place_id, programme_code, status) DO UPDATE SET n = c.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO application_counts AS c (place_id, programme_code, status, n, updated_at)
    SELECT h.place_id, d.programme_code, d.status, count(*)::int, now()
    FROM new_rows d JOIN households h ON h.id = d.household_id
    GROUP BY h.place_id, d.programme_code, d.status
    ORDER BY 1, 2, 3
    ON CONFLICT (place_id, programme_code, status) DO UPDATE SET n = c.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
  ELSE
    INSERT INTO application_counts AS c (place_id, programme_code, status, n, updated_at)
    SELECT h.place_id, d.programme_code, d.status, -count(*)::int, now()
    FROM old_rows d JOIN households h ON h.id = d.household_id
    GROUP BY h.place_id, d.programme_code, d.status
    ORDER BY 1, 2, 3
    ON CONFLICT (place_id, programme_code, status) DO UPDATE SET n = c.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A database that already has places starts with every place computed.
SELECT place_figures_compute(coalesce((SELECT array_agg(id) FROM places), '{}'));
