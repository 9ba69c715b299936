CREATE TABLE "case_weeks" (
	"place_id" integer NOT NULL,
	"week" date NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"decided" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_weeks_place_id_week_pk" PRIMARY KEY("place_id","week")
);
--> statement-breakpoint
CREATE TABLE "decision_days" (
	"place_id" integer NOT NULL,
	"days" smallint NOT NULL,
	"n" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_days_place_id_days_pk" PRIMARY KEY("place_id","days")
);
--> statement-breakpoint
CREATE TABLE "waiting_days" (
	"place_id" integer NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waiting_days_place_id_day_pk" PRIMARY KEY("place_id","day")
);
--> statement-breakpoint
-- ---- The dashboard's timing figures as rollups (db/queries/dashboard.ts placeTiming) -----------
-- Until now the median and 90th percentile of days to a decision, the weekly trend and the
-- verification-overdue count were counted from applications ⨝ households on a view (1.7 s at the
-- county's root at county scale). These three tables hold the same per household place, kept
-- like application_counts (0005, 0013): statement-level triggers with transition tables, in the
-- transaction of each change, and the rollup clock (0007) ticks when they change.
--   decision_days: decided cases by whole days (floor) from submitted_at to decided_at, for cases
--                  with both set and decided_at >= submitted_at (the reader interpolates the
--                  median and the 90th percentile inside a day);
--   case_weeks:    cases by the CST Monday of submitted_at (submitted) and of decided_at (decided);
--   waiting_days:  cases in status 'submitted' by the CST date of submitted_at. Overdue is a
--                  whole-CST-day cut-off (lib/workflow.ts verificationOverdueBefore), so the sum
--                  over the days before the cut-off's date is the exact count.
-- One function applies a batch of signed rows (each: the household's place, submitted_at,
-- decided_at, waiting or not, +1 or -1) to all three, so the bucketing is written once for
-- changes (timing_rollups_rebuild below writes it again for a full count; the integration test
-- holds the two to the same answer). Each upsert runs in key order, like 0005's.
CREATE OR REPLACE FUNCTION timing_rollups_shift(place_ids integer[], submitted timestamptz[], decided timestamptz[], waiting boolean[], deltas integer[]) RETURNS void AS $$
  INSERT INTO decision_days AS r (place_id, days, n, updated_at)
  SELECT d.place_id, floor(extract(epoch FROM d.decided - d.submitted) / 86400)::smallint, sum(d.delta)::int, now()
  FROM unnest(place_ids, submitted, decided, waiting, deltas) AS d(place_id, submitted, decided, waiting, delta)
  WHERE d.submitted IS NOT NULL AND d.decided IS NOT NULL AND d.decided >= d.submitted
  GROUP BY 1, 2
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2
  ON CONFLICT (place_id, days) DO UPDATE SET n = r.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;

  INSERT INTO case_weeks AS r (place_id, week, submitted, decided, updated_at)
  SELECT x.place_id, x.week, sum(x.s)::int, sum(x.dd)::int, now()
  FROM (
    SELECT d.place_id, date_trunc('week', d.submitted AT TIME ZONE 'Asia/Shanghai')::date AS week, d.delta AS s, 0 AS dd
    FROM unnest(place_ids, submitted, decided, waiting, deltas) AS d(place_id, submitted, decided, waiting, delta)
    WHERE d.submitted IS NOT NULL
    UNION ALL
    SELECT d.place_id, date_trunc('week', d.decided AT TIME ZONE 'Asia/Shanghai')::date, 0, d.delta
    FROM unnest(place_ids, submitted, decided, waiting, deltas) AS d(place_id, submitted, decided, waiting, delta)
    WHERE d.decided IS NOT NULL
  ) x
  GROUP BY 1, 2
  HAVING sum(x.s) <> 0 OR sum(x.dd) <> 0
  ORDER BY 1, 2
  ON CONFLICT (place_id, week) DO UPDATE SET submitted = r.submitted + EXCLUDED.submitted, decided = r.decided + EXCLUDED.decided, updated_at = EXCLUDED.updated_at;

  INSERT INTO waiting_days AS r (place_id, day, n, updated_at)
  SELECT d.place_id, (d.submitted AT TIME ZONE 'Asia/Shanghai')::date, sum(d.delta)::int, now()
  FROM unnest(place_ids, submitted, decided, waiting, deltas) AS d(place_id, submitted, decided, waiting, delta)
  WHERE d.waiting AND d.submitted IS NOT NULL
  GROUP BY 1, 2
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2
  ON CONFLICT (place_id, day) DO UPDATE SET n = r.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Changes to applications. An update that changes no household, submitted_at, decided_at or
-- waiting-ness (answers, versions, a recommendation) returns at once; otherwise, as in 0005, every
-- old row goes out and every new row comes in, and the rows that did not change cancel out in the
-- sums. (Filtering the changed pairs first would join the transition tables, whose estimate then
-- sends the planner to hash all 250,000 households for a bulk update: 45 ms for 1,000 rows.)
CREATE OR REPLACE FUNCTION timing_rollups_apply() RETURNS trigger AS $$
DECLARE
  p integer[];
  s timestamptz[];
  d timestamptz[];
  w boolean[];
  delta integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(h.place_id), array_agg(r.submitted_at), array_agg(r.decided_at), array_agg(r.status = 'submitted'), array_agg(1)
    INTO p, s, d, w, delta
    FROM new_rows r JOIN households h ON h.id = r.household_id
    WHERE r.submitted_at IS NOT NULL OR r.decided_at IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(h.place_id), array_agg(r.submitted_at), array_agg(r.decided_at), array_agg(r.status = 'submitted'), array_agg(-1)
    INTO p, s, d, w, delta
    FROM old_rows r JOIN households h ON h.id = r.household_id
    WHERE r.submitted_at IS NOT NULL OR r.decided_at IS NOT NULL;
  ELSE
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.household_id, o.submitted_at, o.decided_at, o.status = 'submitted') IS DISTINCT FROM (n.household_id, n.submitted_at, n.decided_at, n.status = 'submitted')
    ) THEN
      RETURN NULL;
    END IF;
    SELECT array_agg(h.place_id), array_agg(r.submitted_at), array_agg(r.decided_at), array_agg(r.waiting), array_agg(r.delta)
    INTO p, s, d, w, delta
    FROM (
      SELECT household_id, submitted_at, decided_at, status = 'submitted' AS waiting, -1 AS delta FROM old_rows
      UNION ALL
      SELECT household_id, submitted_at, decided_at, status = 'submitted', 1 FROM new_rows
    ) r JOIN households h ON h.id = r.household_id
    WHERE r.submitted_at IS NOT NULL OR r.decided_at IS NOT NULL;
  END IF;
  IF p IS NOT NULL THEN
    PERFORM timing_rollups_shift(p, s, d, w, delta);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timing_rollups_ins AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timing_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER timing_rollups_upd AFTER UPDATE ON applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timing_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER timing_rollups_del AFTER DELETE ON applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION timing_rollups_apply();
--> statement-breakpoint
-- A household that moves to another place takes its cases' timing with it (as 0013 does for
-- application_counts).
CREATE OR REPLACE FUNCTION timing_rollups_household_moved() RETURNS trigger AS $$
DECLARE
  p integer[];
  s timestamptz[];
  d timestamptz[];
  w boolean[];
  delta integer[];
BEGIN
  -- Most updates of households (names, phones, facts) move nobody.
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.place_id <> n.place_id) THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(x.place_id), array_agg(a.submitted_at), array_agg(a.decided_at), array_agg(a.status = 'submitted'), array_agg(x.delta)
  INTO p, s, d, w, delta
  FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.place_id <> n.place_id
  JOIN applications a ON a.household_id = n.id
  CROSS JOIN LATERAL (VALUES (o.place_id, -1), (n.place_id, 1)) AS x(place_id, delta)
  WHERE a.submitted_at IS NOT NULL OR a.decided_at IS NOT NULL;
  IF p IS NOT NULL THEN
    PERFORM timing_rollups_shift(p, s, d, w, delta);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timing_rollups_households_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION timing_rollups_household_moved();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_decision_days AFTER INSERT OR UPDATE OR DELETE ON decision_days DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_case_weeks AFTER INSERT OR UPDATE OR DELETE ON case_weeks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_waiting_days AFTER INSERT OR UPDATE OR DELETE ON waiting_days DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
-- The three counted again from the applications themselves: for the backfill below and for the
-- county generator after its load (db/generate/index.ts), one INSERT … SELECT each.
CREATE OR REPLACE FUNCTION timing_rollups_rebuild() RETURNS void AS $$
  DELETE FROM decision_days;
  DELETE FROM case_weeks;
  DELETE FROM waiting_days;

  INSERT INTO decision_days (place_id, days, n)
  SELECT h.place_id, floor(extract(epoch FROM a.decided_at - a.submitted_at) / 86400)::smallint, count(*)::int
  FROM applications a JOIN households h ON h.id = a.household_id
  WHERE a.submitted_at IS NOT NULL AND a.decided_at IS NOT NULL AND a.decided_at >= a.submitted_at
  GROUP BY 1, 2;

  INSERT INTO case_weeks (place_id, week, submitted, decided)
  SELECT x.place_id, x.week, sum(x.s)::int, sum(x.dd)::int
  FROM (
    SELECT h.place_id, date_trunc('week', a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS week, 1 AS s, 0 AS dd
    FROM applications a JOIN households h ON h.id = a.household_id WHERE a.submitted_at IS NOT NULL
    UNION ALL
    SELECT h.place_id, date_trunc('week', a.decided_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1
    FROM applications a JOIN households h ON h.id = a.household_id WHERE a.decided_at IS NOT NULL
  ) x
  GROUP BY 1, 2;

  INSERT INTO waiting_days (place_id, day, n)
  SELECT h.place_id, (a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, count(*)::int
  FROM applications a JOIN households h ON h.id = a.household_id
  WHERE a.status = 'submitted' AND a.submitted_at IS NOT NULL
  GROUP BY 1, 2;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Databases that already hold applications start from a full count.
SELECT timing_rollups_rebuild();
