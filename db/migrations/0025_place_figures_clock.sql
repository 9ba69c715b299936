-- The place_figures rollup (0006) was brought up to date by every read: each dashboard view
-- called place_figures_refresh() for its whole scope (about a millisecond of the database's time
-- at the county's root even with nothing to do, and a round trip). Readers now call it only when
-- something may have changed since their last call (db/queries/place-figures.ts): the rollup
-- clock moved, or the earliest grievance deadline of the scope has passed. For that the clock
-- must move when a place is marked dirty, and when a place is added, renamed or moved (a place
-- never computed; the names and trails the dashboard keeps in memory).
-- The same deferred constraint triggers as 0007: the tick runs once per transaction at its
-- commit, taking the audit chain's lock before the clock row (0007's lock-order rule).
CREATE CONSTRAINT TRIGGER rollup_clock_place_figures_dirty AFTER INSERT ON place_figures_dirty DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_places AFTER INSERT OR UPDATE OR DELETE ON places DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
-- As 0006's, except that a call which found another refresh running returns NULL instead of 0,
-- so a reader can tell "nothing to do" (remembered) from "not done" (asked again next time).
CREATE OR REPLACE FUNCTION place_figures_refresh(scope integer[]) RETURNS integer AS $$
DECLARE
  todo integer[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(7426002) THEN
    RETURN NULL;
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
