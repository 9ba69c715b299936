-- The cadre's queue (db/queries/queue.ts) walked every non-draft case by submitted_at, through
-- applications_submitted_id_idx (submitted_at IS NOT NULL) and (status, submitted_at): a case
-- that was never submitted but is not a draft (a 免申即享 enrolment creates it approved, then a
-- paid batch makes it fulfilled) was counted by application_counts and listed nowhere. Those
-- cases now sort by coalesce(submitted_at, created_at), across states and one state at a time.
DROP INDEX "applications_submitted_id_idx";--> statement-breakpoint
CREATE INDEX "applications_sent_sort_idx" ON "applications" USING btree (coalesce("submitted_at", "created_at"),"id") WHERE "applications"."status" <> 'draft';--> statement-breakpoint
CREATE INDEX "applications_status_sort_idx" ON "applications" USING btree ("status",coalesce("submitted_at", "created_at"),"id") WHERE "applications"."status" <> 'draft';