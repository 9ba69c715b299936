ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_code_uq" UNIQUE("code");