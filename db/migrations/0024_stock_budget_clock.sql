-- The dashboard's materials (issued and on hand per material under a place) and budget figures
-- are memoised by the rollup clock (db/queries/rollups.ts memoByRollupClock), so the clock must
-- move with every committed change they are computed from:
--   stock_levels: every stock movement (receipt, correction, reservation, release, issue) changes
--                 its level in the same transaction (db/queries/stock.ts), so a tick here also
--                 covers the issued sum taken from stock_movements;
--   stock_points: a point moved to another place changes which place's totals hold it;
--   budgets:      every budget movement changes its line in the same transaction
--                 (db/queries/budgets.ts).
-- The same deferred constraint triggers as 0007: the tick runs once per transaction at its
-- commit, taking the audit chain's lock before the clock row (0007's lock-order rule).
CREATE CONSTRAINT TRIGGER rollup_clock_stock_levels AFTER INSERT OR UPDATE OR DELETE ON stock_levels DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_stock_points AFTER INSERT OR UPDATE OR DELETE ON stock_points DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_budgets AFTER INSERT OR UPDATE OR DELETE ON budgets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
