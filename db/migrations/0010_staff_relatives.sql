CREATE TABLE "staff_relatives" (
	"staff_user_id" uuid NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"relation" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_relatives_staff_user_id_id_number_hash_pk" PRIMARY KEY("staff_user_id","id_number_hash")
);
--> statement-breakpoint
ALTER TABLE "staff_relatives" ADD CONSTRAINT "staff_relatives_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;