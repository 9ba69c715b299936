-- A case waiting for verification has its submission time: the cadre's queue (db/queries/queue.ts)
-- pages 'submitted' cases by submitted_at and flags them overdue by it, and the timing rollups
-- (0022) count their waiting days from it. save-application.ts sets it on submit and resubmit, an
-- upheld objection (review_again) keeps it; nothing in the database held it. Cases created
-- without an application (a 免申即享 enrolment, approved then fulfilled) keep it NULL: the rule
-- is only about status 'submitted'.
-- A row that broke the rule before it existed (none of the writers above makes one; a hand-made
-- row might) is given the time of its last submit/resubmit event, else its creation time (where
-- the queue already sorted it), so the migration does not stop the start-up. The rows are found
-- through applications_status_submitted_idx; the CHECK then reads the table once, under the
-- migration's lock (0.2 s for a million applications, about the county database's size).
UPDATE "applications" AS a SET "submitted_at" = coalesce((SELECT max(e."at") FROM "application_events" AS e WHERE e."application_id" = a."id" AND e."action" IN ('submit', 'resubmit')), a."created_at") WHERE a."status" = 'submitted' AND a."submitted_at" IS NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submitted_has_time" CHECK ("applications"."status" <> 'submitted' OR "applications"."submitted_at" IS NOT NULL);
