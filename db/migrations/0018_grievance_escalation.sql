ALTER TABLE "grievances" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grievances" ADD COLUMN "escalated_by" uuid;--> statement-breakpoint
ALTER TABLE "grievances" ADD COLUMN "escalation_note" text;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_escalated_by_users_id_fk" FOREIGN KEY ("escalated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;