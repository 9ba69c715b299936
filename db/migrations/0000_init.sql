CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'returned', 'withdrawn', 'recommended', 'in_public_notice', 'approved', 'rejected', 'appealed', 'fulfilled');--> statement-breakpoint
CREATE TYPE "public"."payment_batch_status" AS ENUM('draft', 'sent', 'paid');--> statement-breakpoint
CREATE TYPE "public"."fact_key" AS ENUM('groundFloorFlooded', 'safetyGrade', 'damagedBoilers', 'damagedHeatPumps', 'affected', 'repairImpossible');--> statement-breakpoint
CREATE TYPE "public"."grievance_category" AS ENUM('garbage', 'infrastructure', 'heating', 'elevator', 'basement', 'jobs', 'loans', 'other');--> statement-breakpoint
CREATE TYPE "public"."grievance_status" AS ENUM('open', 'responded', 'resolved', 'closed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."household_kind" AS ENUM('urban', 'rural');--> statement-breakpoint
CREATE TYPE "public"."material" AS ENUM('rebar', 'sand');--> statement-breakpoint
CREATE TYPE "public"."stock_movement_kind" AS ENUM('receive', 'reserve', 'release', 'issue', 'adjust');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('open', 'dismissed', 'upheld');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."place_level" AS ENUM('county', 'township', 'village', 'compound');--> statement-breakpoint
CREATE TYPE "public"."programme_code" AS ENUM('heating_fee_waiver', 'property_fee_waiver', 'appliance_repair', 'appliance_subsidy', 'warm_winter', 'building_materials');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('resident', 'cadre', 'official');--> statement-breakpoint
CREATE TYPE "public"."safety_grade" AS ENUM('A', 'B', 'C', 'D');--> statement-breakpoint
CREATE TYPE "public"."upload_kind" AS ENUM('damage_photo', 'invoice', 'evidence', 'visit_photo', 'grievance_photo');--> statement-breakpoint
CREATE TYPE "public"."verify_method" AS ENUM('visit', 'photo', 'appraisal');--> statement-breakpoint
CREATE TYPE "public"."work_order_status" AS ENUM('open', 'scheduled', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status" NOT NULL,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"household_id" uuid NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"entitlement" jsonb,
	"idempotency_key" text,
	"created_by" uuid,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"recommended_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"rejection_final" boolean DEFAULT false NOT NULL,
	"return_reason" text,
	"notice_starts_at" timestamp with time zone,
	"notice_ends_at" timestamp with time zone,
	"stock_point_id" integer,
	"pickup_code" text,
	"fulfilled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "applications_pickup_code_unique" UNIQUE("pickup_code"),
	CONSTRAINT "applications_household_programme_uq" UNIQUE("household_id","programme_code"),
	CONSTRAINT "applications_version_pos" CHECK ("applications"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"success" boolean NOT NULL,
	"ip" text,
	"details" jsonb,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"programme_code" "programme_code" PRIMARY KEY NOT NULL,
	"total_yuan" bigint NOT NULL,
	"remaining_yuan" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_remaining_nonneg" CHECK ("budgets"."remaining_yuan" >= 0),
	CONSTRAINT "budgets_remaining_le_total" CHECK ("budgets"."remaining_yuan" <= "budgets"."total_yuan")
);
--> statement-breakpoint
CREATE TABLE "grievance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grievance_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"to_status" "grievance_status" NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "grievances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"household_id" uuid,
	"filed_by" uuid NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"place_id" integer NOT NULL,
	"category" "grievance_category" NOT NULL,
	"description" text NOT NULL,
	"status" "grievance_status" DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"resolve_by" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rating" smallint,
	"rating_comment" text,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grievances_reference_unique" UNIQUE("reference"),
	CONSTRAINT "grievances_rating_range" CHECK ("grievances"."rating" IS NULL OR "grievances"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "household_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"key" "fact_key" NOT NULL,
	"declared_value" jsonb,
	"declared_at" timestamp with time zone,
	"declared_by" uuid,
	"verified_value" jsonb,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"verify_method" "verify_method",
	"verify_note" text,
	CONSTRAINT "household_facts_key_uq" UNIQUE("household_id","key")
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"id_number_hash" text,
	"id_number_enc" text,
	"birth_year" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"head_name" text NOT NULL,
	"head_id_number_hash" text NOT NULL,
	"head_id_number_enc" text NOT NULL,
	"head_phone_enc" text,
	"place_id" integer NOT NULL,
	"kind" "household_kind" NOT NULL,
	"address_detail" text DEFAULT '' NOT NULL,
	"building" text,
	"unit_no" text,
	"floor" smallint,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_head_id_number_hash_unique" UNIQUE("head_id_number_hash"),
	CONSTRAINT "households_owner_uq" UNIQUE("owner_user_id")
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "objection_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"programme_code" "programme_code" NOT NULL,
	"status" "payment_batch_status" DEFAULT 'draft' NOT NULL,
	"total_yuan" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_batches_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "payment_items" (
	"batch_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_yuan" bigint NOT NULL,
	CONSTRAINT "payment_items_batch_id_application_id_pk" PRIMARY KEY("batch_id","application_id"),
	CONSTRAINT "payment_items_application_uq" UNIQUE("application_id"),
	CONSTRAINT "payment_items_amount_pos" CHECK ("payment_items"."amount_yuan" > 0)
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"level" "place_level" NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"code" text,
	"path" text NOT NULL,
	CONSTRAINT "places_parent_name_uq" UNIQUE("parent_id","name")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"code" "programme_code" PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"params" jsonb NOT NULL,
	"needs_application" boolean DEFAULT true NOT NULL,
	"notice_days" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"phone_hash" text PRIMARY KEY NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"point_id" integer NOT NULL,
	"material" "material" NOT NULL,
	"on_hand_kg" bigint DEFAULT 0 NOT NULL,
	"available_kg" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stock_levels_point_id_material_pk" PRIMARY KEY("point_id","material"),
	CONSTRAINT "stock_on_hand_nonneg" CHECK ("stock_levels"."on_hand_kg" >= 0),
	CONSTRAINT "stock_available_nonneg" CHECK ("stock_levels"."available_kg" >= 0),
	CONSTRAINT "stock_available_le_on_hand" CHECK ("stock_levels"."available_kg" <= "stock_levels"."on_hand_kg")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"point_id" integer NOT NULL,
	"material" "material" NOT NULL,
	"kind" "stock_movement_kind" NOT NULL,
	"available_delta_kg" bigint NOT NULL,
	"on_hand_delta_kg" bigint NOT NULL,
	"application_id" uuid,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"place_id" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"household_id" uuid,
	"application_id" uuid,
	"grievance_id" uuid,
	"visit_id" uuid,
	"kind" "upload_kind" NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uploads_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "uploads_size_limit" CHECK ("uploads"."size_bytes" > 0 AND "uploads"."size_bytes" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "user_places" (
	"user_id" uuid NOT NULL,
	"place_id" integer NOT NULL,
	CONSTRAINT "user_places_user_id_place_id_pk" PRIMARY KEY("user_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role" "role" NOT NULL,
	"real_name" text NOT NULL,
	"phone_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"id_number_hash" text,
	"id_number_enc" text,
	"password_hash" text NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_phone_hash_unique" UNIQUE("phone_hash"),
	CONSTRAINT "users_id_number_hash_unique" UNIQUE("id_number_hash"),
	CONSTRAINT "users_failed_nonneg" CHECK ("users"."failed_sign_ins" >= 0)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"cadre_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"round" smallint NOT NULL,
	"findings" text NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_household_round_uq" UNIQUE("household_id","round"),
	CONSTRAINT "visits_round_range" CHECK ("visits"."round" BETWEEN 1 AND 9)
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"appliance" text NOT NULL,
	"status" "work_order_status" DEFAULT 'open' NOT NULL,
	"scheduled_for" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_stock_point_id_stock_points_id_fk" FOREIGN KEY ("stock_point_id") REFERENCES "public"."stock_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_facts" ADD CONSTRAINT "household_facts_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_facts" ADD CONSTRAINT "household_facts_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_facts" ADD CONSTRAINT "household_facts_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_programme_code_programmes_code_fk" FOREIGN KEY ("programme_code") REFERENCES "public"."programmes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_items" ADD CONSTRAINT "payment_items_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_items" ADD CONSTRAINT "payment_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_point_id_stock_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."stock_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_point_id_stock_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."stock_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_points" ADD CONSTRAINT "stock_points_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_places" ADD CONSTRAINT "user_places_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_places" ADD CONSTRAINT "user_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_cadre_id_users_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_app_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("status","programme_code");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "grievances_place_status_idx" ON "grievances" USING btree ("place_id","status");--> statement-breakpoint
CREATE INDEX "households_place_idx" ON "households" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "places_parent_idx" ON "places" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "places_path_idx" ON "places" USING btree ("path");--> statement-breakpoint
CREATE INDEX "uploads_household_idx" ON "uploads" USING btree ("household_id");