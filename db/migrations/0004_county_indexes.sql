CREATE INDEX "applications_status_submitted_idx" ON "applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "grievances_filed_by_idx" ON "grievances" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "grievances_household_idx" ON "grievances" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "objections_application_idx" ON "objections" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "objections_filed_by_idx" ON "objections" USING btree ("filed_by","status");--> statement-breakpoint
CREATE INDEX "places_path_prefix_idx" ON "places" USING btree ("path" text_pattern_ops);