CREATE TABLE "rollup_clock" (
	"id" smallint PRIMARY KEY NOT NULL,
	"tick" bigint NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_facts" ADD COLUMN "appraisal_grade" "safety_grade";--> statement-breakpoint
ALTER TABLE "household_facts" ADD COLUMN "appraiser" text;--> statement-breakpoint
CREATE INDEX "applications_draft_created_idx" ON "applications" USING btree ("created_at","id") WHERE "applications"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "applications_submitted_id_idx" ON "applications" USING btree ("submitted_at","id") WHERE "applications"."submitted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "grievances_place_active_due_idx" ON "grievances" USING btree ("place_id",(CASE WHEN "responded_at" IS NULL AND "status" <> 'responded' THEN "respond_by" ELSE "resolve_by" END),"id") WHERE "grievances"."status" IN ('open', 'responded', 'reopened');--> statement-breakpoint
CREATE INDEX "grievances_place_finished_idx" ON "grievances" USING btree ("place_id",(coalesce("closed_at", "resolved_at", "created_at")),"id") WHERE "grievances"."status" NOT IN ('open', 'responded', 'reopened');--> statement-breakpoint
CREATE INDEX "household_facts_grade_d_idx" ON "household_facts" USING btree ("household_id") WHERE "household_facts"."key" = 'safetyGrade' AND coalesce("household_facts"."verified_value", "household_facts"."declared_value") = '"D"'::jsonb;--> statement-breakpoint
CREATE INDEX "household_facts_awaiting_idx" ON "household_facts" USING btree ("household_id") WHERE "household_facts"."declared_value" IS NOT NULL AND ("household_facts"."verified_value" IS NULL OR "household_facts"."declared_at" > "household_facts"."verified_at");--> statement-breakpoint
CREATE INDEX "household_members_household_idx" ON "household_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_members_id_hash_idx" ON "household_members" USING btree ("id_number_hash") WHERE "household_members"."id_number_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "households_place_id_idx" ON "households" USING btree ("place_id","id");--> statement-breakpoint
CREATE INDEX "households_head_name_prefix_idx" ON "households" USING btree ("head_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "objections_open_created_idx" ON "objections" USING btree ("created_at","id") WHERE "objections"."status" = 'open';--> statement-breakpoint
ALTER TABLE "household_facts" ADD CONSTRAINT "household_facts_appraisal_only" CHECK ("household_facts"."verify_method" = 'appraisal' OR ("household_facts"."appraisal_grade" IS NULL AND "household_facts"."appraiser" IS NULL));--> statement-breakpoint
INSERT INTO rollup_clock (id, tick) VALUES (1, 0);
--> statement-breakpoint
-- Bumps the clock once per transaction that changed a rollup, at its commit. Taken under the
-- audit chain's lock (7426001): every transaction that locks the clock row holds that lock
-- first, so the clock row can never be part of a lock cycle; and since committing transactions
-- already pass through that lock one by one (migration 0006), the ticks follow commit order —
-- a reader that saw tick N has seen every change committed before it.
CREATE OR REPLACE FUNCTION rollup_clock_tick() RETURNS trigger AS $$
BEGIN
  IF current_setting('relief.rollup_ticked', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('relief.rollup_ticked', txid_current()::text, true);
  PERFORM pg_advisory_xact_lock(7426001);
  UPDATE rollup_clock SET tick = tick + 1 WHERE id = 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_application_counts AFTER INSERT OR UPDATE OR DELETE ON application_counts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER rollup_clock_place_figures AFTER INSERT OR UPDATE OR DELETE ON place_figures DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_clock_tick();
