-- A household that moves to another place takes its applications' counts with it (the
-- application_counts rollup of migration 0005 keys counts on the household's place; until now
-- only changes to applications moved them). notice_entries (0008) and place_figures (0006)
-- already follow a move.
CREATE OR REPLACE FUNCTION application_counts_household_moved() RETURNS trigger AS $$
BEGIN
  INSERT INTO application_counts AS c (place_id, programme_code, status, n, updated_at)
  SELECT x.place_id, a.programme_code, a.status, sum(x.delta)::int, now()
  FROM (
    SELECT n.id AS household_id, n.place_id, 1 AS delta FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.place_id <> n.place_id
    UNION ALL
    SELECT o.id, o.place_id, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.place_id <> n.place_id
  ) x JOIN applications a ON a.household_id = x.household_id
  GROUP BY x.place_id, a.programme_code, a.status
  HAVING sum(x.delta) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (place_id, programme_code, status) DO UPDATE SET n = c.n + EXCLUDED.n, updated_at = EXCLUDED.updated_at;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER application_counts_households_upd AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION application_counts_household_moved();
