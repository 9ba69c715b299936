CREATE TABLE "application_counts" (
	"place_id" integer NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"status" "application_status" NOT NULL,
	"n" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_counts_place_id_programme_code_status_pk" PRIMARY KEY("place_id","programme_code","status")
);
--> statement-breakpoint
-- Counts per household place × programme × status, kept by one statement-level trigger so that
-- every writer is counted in its own transaction: the use cases, the demo seed and the county
-- generator's COPY alike (a use-case call would miss the last two).
-- Locks: a count row stays locked until its transaction commits, and every use case also takes
-- the audit chain's advisory lock (7426001, migration 0001) until it commits. Taken in either
-- order by two transactions, the two would deadlock; so a change of counts takes the audit
-- chain's lock FIRST. Use cases already serialise on it from their audit insert on, so this
-- costs no concurrency they had. Updates that change no status (answers, versions) skip it all.
CREATE OR REPLACE FUNCTION application_counts_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IS DISTINCT FROM o.status OR n.household_id IS DISTINCT FROM o.household_id OR n.programme_code IS DISTINCT FROM o.programme_code
    ) THEN
      RETURN NULL;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
      RETURN NULL;
    END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7426001);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO application_counts AS c (place_id, programme_code, status, n, updated_at)
    SELECT h.place_id, d.programme_code, d.status, count(*)::int, now()
    FROM new_rows d JOIN households h ON h.id = d.household_id
    GROUP BY h.place_id, d.programme_code, d.status
    ORDER BY 1, 2, 3
    ON CONFLICT (place_id, programme_code, status) DO UPDATE SET n = c.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
  ELSIF TG_OP = 'UPDATE' THEN
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
CREATE TRIGGER application_counts_ins AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_counts_apply();
--> statement-breakpoint
CREATE TRIGGER application_counts_upd AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_counts_apply();
--> statement-breakpoint
CREATE TRIGGER application_counts_del AFTER DELETE ON applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION application_counts_apply();
--> statement-breakpoint
-- Databases that already hold applications start from a full count.
INSERT INTO application_counts (place_id, programme_code, status, n)
SELECT h.place_id, a.programme_code, a.status, count(*)::int
FROM applications a JOIN households h ON h.id = a.household_id
GROUP BY h.place_id, a.programme_code, a.status;
